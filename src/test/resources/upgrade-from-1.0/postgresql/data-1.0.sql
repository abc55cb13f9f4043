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

--
-- Data for Name: accounts; Type: TABLE DATA; Schema: public; Owner: tokenauth
--

INSERT INTO public.accounts VALUES ('e84396a6-6914-491b-9404-9c32194cfed5', 1796184180000, 1796184180000, false, 'admin@admin.invalid', 'admin@admin.invalid', 'user,admin', '$argon2id$v=19$m=19456,t=2,p=1$imnssF36omxtPUOELn+sdg$cNY/aB9WbeqdFs6sE9L0XeHbDUBaabKk8RY/jY668kc', 'admin', 'admin');
INSERT INTO public.accounts VALUES ('df9169fb-ced4-4793-bac9-72a3896eb64a', 1796184181000, 1796184181000, false, 'alice@example.com', 'alice@example.com', 'user', '$argon2id$v=19$m=19456,t=2,p=1$xN02+n0yomgJf5DO6h5Riw$MwFTgQzcU7styxYbG0/egxDE/OSduny7CFlE4H9qNZI', 'alice', 'alice');


--
-- Data for Name: api_tokens; Type: TABLE DATA; Schema: public; Owner: tokenauth
--

INSERT INTO public.api_tokens VALUES ('dd522f29-6c92-4672-b338-b9f3d8c771c0', 1796184182084, 2112408182000, NULL, 'ci', 'tka_sCKjH6nz', 'b5a01c02b2a0eda0989a0b9478fd1d12e79d842920e65e9fc1f3fb1971ea86ae', 'df9169fb-ced4-4793-bac9-72a3896eb64a');
INSERT INTO public.api_tokens VALUES ('10926986-3f50-4ebf-a063-4faf6bb3af97', 1796184181992, NULL, 1796184182096, 'laptop', 'tka_uQzV8Snq', '7d2f3c8ca16049c5dd212886a4a91f8430b97ecbe550df3742ae5a22d98cf0f1', 'df9169fb-ced4-4793-bac9-72a3896eb64a');


--
-- Data for Name: login_sessions; Type: TABLE DATA; Schema: public; Owner: tokenauth
--

INSERT INTO public.login_sessions VALUES ('bf5cc079-e356-4bd1-9111-ae8333e1a6f5', 1796184182219, NULL, NULL, 'df9169fb-ced4-4793-bac9-72a3896eb64a');
INSERT INTO public.login_sessions VALUES ('aa49f4f1-fe93-4a36-9b5f-9af1f339053e', 1796184182417, 'logout', 1796184182448, 'df9169fb-ced4-4793-bac9-72a3896eb64a');
INSERT INTO public.login_sessions VALUES ('9f9c442c-3b72-4f28-b528-900a9fe7fecf', 1796184182506, 'logout', 1796184182557, 'e84396a6-6914-491b-9404-9c32194cfed5');


--
-- Data for Name: refresh_tokens; Type: TABLE DATA; Schema: public; Owner: tokenauth
--

INSERT INTO public.refresh_tokens VALUES ('5296f3d0-b9a4-4d41-8c52-007c5e16c913', 1796184182221, 2111544182221, '00d245cd9714025a78cc36d0f980b1750277476bb884624b895f80c763e644e6', false, 'bf5cc079-e356-4bd1-9111-ae8333e1a6f5');
INSERT INTO public.refresh_tokens VALUES ('5193f6c6-9486-4dd8-b3c5-f58cfb6d62fc', 1796184182418, 2111544182418, '2a15c67b6da00629b86337669716c813838c498cbf39f29a7b3d882bb3999ab3', true, 'aa49f4f1-fe93-4a36-9b5f-9af1f339053e');
INSERT INTO public.refresh_tokens VALUES ('f371ebea-124d-48ca-b88f-9e903d92ca29', 1796184182506, 2111544182506, 'a243f09d256242cb7def44aa1a160aa42c68590347f01cc0d8ca13ed26962641', true, '9f9c442c-3b72-4f28-b528-900a9fe7fecf');


--
-- PostgreSQL database dump complete
--


