// token-auth demo client: plain JavaScript, no build step. Tokens live in this closure only
// (no localStorage, no cookies), so a reload or a closed tab ends the client side of the session.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);

  const session = {
    access: null,      // JWT access token
    refresh: null,     // current (rotated) refresh token
    username: null,
    timer: null,       // scheduled automatic refresh
    refreshing: null,  // the refresh in flight, shared so that a refresh token is never sent twice
    refreshes: 0,
  };

  $('api-base').value = new URLSearchParams(location.search).get('api') || 'http://localhost:8080';

  const apiUrl = (path) => $('api-base').value.trim().replace(/\/+$/, '') + path;

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  // One API call. JSON in and out; problem+json turned into an ApiError with its detail; a 401 on an
  // authenticated call refreshes the access token once and retries.
  async function call(method, path, { body, auth = false, retry = true } = {}) {
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth) {
      if (!session.access) throw new ApiError('You are not logged in.', 401);
      headers.Authorization = 'Bearer ' + session.access;
    }
    const url = apiUrl(path);
    let response;
    try {
      response = await fetch(url, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit', cache: 'no-store',
      });
    } catch (e) {
      // fetch rejects with a TypeError and no further detail on purpose: CORS refusal or network failure
      throw new ApiError(`The browser refused the call to ${url} (${e.message}): either the API did not grant `
        + `this page's origin ${location.origin} CORS access (add it to tokenauth.cors.allowed-origins), `
        + 'or the server cannot be reached.', 0);
    }
    if (response.status === 401 && auth && retry && session.refresh) {
      await refreshNow();
      return call(method, path, { body, auth, retry: false });
    }
    if (!response.ok) throw await problem(response);
    return response.status === 204 ? null : response.json();
  }

  async function problem(response) {
    let message = `${response.status} ${response.statusText}`.trim();
    if ((response.headers.get('Content-Type') || '').includes('json')) {
      try {
        const p = await response.json();
        message = p.detail || p.title || message;
        if (Array.isArray(p.errors) && p.errors.length) {
          message += '\n' + p.errors.map((e) => `${e.field}: ${e.message}`).join('\n');
        }
      } catch (ignored) { /* not JSON after all: keep the status line */ }
    }
    const retryAfter = response.headers.get('Retry-After');
    if (retryAfter) message += ` (retry after ${retryAfter} s)`;
    return new ApiError(message, response.status);
  }

  // ---- session ----

  function keep(pair) {
    session.access = pair.access_token;
    session.refresh = pair.refresh_token;
    clearTimeout(session.timer);
    // refresh at 80 % of the lifetime, so that the access token never expires in use
    session.timer = setTimeout(autoRefresh, pair.expires_in * 800);
    $('access-expires').textContent = new Date(Date.now() + pair.expires_in * 1000).toLocaleTimeString();
  }

  function refreshNow() {
    if (!session.refreshing) {
      const used = session.refresh;
      session.refreshing = call('POST', '/api/auth/jwt/refresh', { body: { refresh_token: used } })
        .then((pair) => {
          if (session.refresh !== used) return; // logged out meanwhile
          keep(pair);
          $('refresh-count').textContent = String(++session.refreshes);
        })
        .finally(() => { session.refreshing = null; });
    }
    return session.refreshing;
  }

  async function autoRefresh() {
    try {
      await refreshNow();
    } catch (e) {
      showError(e);
      if (e.status === 401) forget('Your session has ended; log in again.');
    }
  }

  function forget(notice) {
    clearTimeout(session.timer);
    Object.assign(session, { access: null, refresh: null, username: null, timer: null, refreshes: 0 });
    $('status').textContent = 'Logged out';
    $('status').dataset.state = 'logged-out';
    $('session').hidden = $('tokens').hidden = true;
    $('account').hidden = false;
    $('new-token-box').hidden = true;
    $('me').textContent = $('new-token').textContent = '';
    $('token-list').replaceChildren();
    $('refresh-count').textContent = '0';
    $('access-expires').textContent = '–';
    $('api-base').readOnly = false;
    $('notice').textContent = notice || '';
  }

  // ---- actions ----

  function showError(e) {
    $('error').textContent = e instanceof ApiError ? e.message : `Unexpected error: ${e}`;
    $('error').hidden = false;
  }

  // runs an action with the error box cleared first and filled if the action fails
  const action = (fn) => async (event) => {
    event.preventDefault();
    $('error').hidden = true;
    $('error').textContent = '';
    try {
      await fn();
    } catch (e) {
      showError(e);
    }
  };

  const credentials = () => ({ username: $('username').value.trim(), password: $('password').value });

  $('register').addEventListener('click', action(async () => {
    const user = await call('POST', '/api/auth/register', { body: { ...credentials(), email: $('email').value.trim() } });
    $('notice').textContent = `Registered ${user.username}; you can log in now.`;
  }));

  $('credentials').addEventListener('submit', action(async () => {
    const { username, password } = credentials();
    const pair = await call('POST', '/api/auth/jwt', { body: { username, password } });
    $('password').value = '';
    session.username = username;
    keep(pair);
    $('status').textContent = `Logged in as ${username}`;
    $('status').dataset.state = 'logged-in';
    $('notice').textContent = '';
    $('session').hidden = $('tokens').hidden = false;
    $('account').hidden = true;
    $('api-base').readOnly = true;
    await loadMe();
    await loadTokens();
  }));

  async function loadMe() {
    $('me').textContent = JSON.stringify(await call('GET', '/api/me', { auth: true }), null, 2);
  }

  $('load-me').addEventListener('click', action(loadMe));

  $('logout').addEventListener('click', action(async () => {
    try {
      await call('POST', '/api/auth/logout', { auth: true });
    } finally {
      forget('You have logged out.'); // drop the tokens even if the server could not be told
    }
  }));

  async function loadTokens() {
    const tokens = await call('GET', '/api/auth/tokens', { auth: true });
    $('token-list').replaceChildren(...tokens.map((t) => {
      const item = document.createElement('li');
      item.dataset.id = t.id;
      item.textContent = `${t.name || '(no name)'}: ${t.prefix}… created ${t.created_at}`
        + (t.last_used_at ? `, last used ${t.last_used_at}` : '');
      const revoke = document.createElement('button');
      revoke.type = 'button';
      revoke.className = 'revoke';
      revoke.textContent = 'Revoke';
      revoke.addEventListener('click', action(async () => {
        await call('DELETE', `/api/auth/tokens/${encodeURIComponent(t.id)}`, { auth: true });
        await loadTokens();
      }));
      item.append(revoke);
      return item;
    }));
  }

  $('token-form').addEventListener('submit', action(async () => {
    const name = $('token-name').value.trim();
    const created = await call('POST', '/api/auth/tokens', { auth: true, body: name ? { name } : {} });
    $('new-token').textContent = created.token;
    $('new-token-box').hidden = false;
    $('token-name').value = '';
    await loadTokens();
  }));
})();
