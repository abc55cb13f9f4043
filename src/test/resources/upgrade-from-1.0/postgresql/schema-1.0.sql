--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: accounts; Type: TABLE; Schema: public; Owner: tokenauth
--

CREATE TABLE public.accounts (
    id character varying(36) NOT NULL,
    created_at bigint NOT NULL,
    credentials_changed_at bigint NOT NULL,
    disabled boolean NOT NULL,
    email character varying(508) NOT NULL,
    email_key character varying(508) NOT NULL,
    group_names character varying(1000) NOT NULL,
    password_hash character varying(255) NOT NULL,
    username character varying(300) NOT NULL,
    username_key character varying(600) NOT NULL
);


ALTER TABLE public.accounts OWNER TO tokenauth;

--
-- Name: api_tokens; Type: TABLE; Schema: public; Owner: tokenauth
--

CREATE TABLE public.api_tokens (
    id character varying(36) NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint,
    last_used_at bigint,
    name character varying(128),
    prefix character varying(12) NOT NULL,
    token_hash character varying(64) NOT NULL,
    account_id character varying(36) NOT NULL
);


ALTER TABLE public.api_tokens OWNER TO tokenauth;

--
-- Name: login_sessions; Type: TABLE; Schema: public; Owner: tokenauth
--

CREATE TABLE public.login_sessions (
    id character varying(36) NOT NULL,
    created_at bigint NOT NULL,
    end_reason character varying(32),
    ended_at bigint,
    account_id character varying(36) NOT NULL
);


ALTER TABLE public.login_sessions OWNER TO tokenauth;

--
-- Name: refresh_tokens; Type: TABLE; Schema: public; Owner: tokenauth
--

CREATE TABLE public.refresh_tokens (
    id character varying(36) NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    token_hash character varying(64) NOT NULL,
    used boolean NOT NULL,
    session_id character varying(36) NOT NULL
);


ALTER TABLE public.refresh_tokens OWNER TO tokenauth;

--
-- Name: accounts accounts_email_key_key; Type: CONSTRAINT; Schema: public; Owner: tokenauth
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_email_key_key UNIQUE (email_key);


--
-- Name: accounts accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: tokenauth
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);


--
-- Name: accounts accounts_username_key_key; Type: CONSTRAINT; Schema: public; Owner: tokenauth
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_username_key_key UNIQUE (username_key);


--
-- Name: api_tokens api_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: tokenauth
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_pkey PRIMARY KEY (id);


--
-- Name: api_tokens api_tokens_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: tokenauth
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash);


--
-- Name: login_sessions login_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: tokenauth
--

ALTER TABLE ONLY public.login_sessions
    ADD CONSTRAINT login_sessions_pkey PRIMARY KEY (id);


--
-- Name: refresh_tokens refresh_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: tokenauth
--

ALTER TABLE ONLY public.refresh_tokens
    ADD CONSTRAINT refresh_tokens_pkey PRIMARY KEY (id);


--
-- Name: refresh_tokens refresh_tokens_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: tokenauth
--

ALTER TABLE ONLY public.refresh_tokens
    ADD CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash);


--
-- Name: api_tokens_account; Type: INDEX; Schema: public; Owner: tokenauth
--

CREATE INDEX api_tokens_account ON public.api_tokens USING btree (account_id);


--
-- Name: login_sessions_account; Type: INDEX; Schema: public; Owner: tokenauth
--

CREATE INDEX login_sessions_account ON public.login_sessions USING btree (account_id);


--
-- Name: login_sessions_ended; Type: INDEX; Schema: public; Owner: tokenauth
--

CREATE INDEX login_sessions_ended ON public.login_sessions USING btree (ended_at);


--
-- Name: refresh_tokens_session; Type: INDEX; Schema: public; Owner: tokenauth
--

CREATE INDEX refresh_tokens_session ON public.refresh_tokens USING btree (session_id);


--
-- Name: api_tokens fk_api_tokens_account_id; Type: FK CONSTRAINT; Schema: public; Owner: tokenauth
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT fk_api_tokens_account_id FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: login_sessions fk_login_sessions_account_id; Type: FK CONSTRAINT; Schema: public; Owner: tokenauth
--

ALTER TABLE ONLY public.login_sessions
    ADD CONSTRAINT fk_login_sessions_account_id FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: refresh_tokens fk_refresh_tokens_session_id; Type: FK CONSTRAINT; Schema: public; Owner: tokenauth
--

ALTER TABLE ONLY public.refresh_tokens
    ADD CONSTRAINT fk_refresh_tokens_session_id FOREIGN KEY (session_id) REFERENCES public.login_sessions(id);


--
-- PostgreSQL database dump complete
--


