import Foundation

/// The QR login Mini App: HTML, CSS (Telegram theme variables with fallbacks) and the script that drives the
/// `/api/v1/telegram/login` routes. Inside Telegram it authenticates with `tma <initData>`; in a browser
/// with an API token the user pastes (kept in `sessionStorage`). Texts in Russian and English.
enum MiniAppLoginPage {
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>Teleradar — Telegram login</title>
        <link rel="stylesheet" href="/miniapp/login.css">
        <script src="https://telegram.org/js/telegram-web-app.js"></script>
        <script src="/miniapp/login.js" defer></script>
        </head>
        <body>
        <main>
        <h1 id="title">Teleradar</h1>
        <div id="content"><p>…</p></div>
        <noscript><p>JavaScript is required. / Нужен JavaScript.</p></noscript>
        </main>
        </body>
        </html>
        """

    static let styleSheet = """
        :root { color-scheme: light dark; }
        body {
          margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
          background: var(--tg-theme-bg-color, #ffffff); color: var(--tg-theme-text-color, #1b1b1b);
        }
        main { max-width: 420px; margin: 0 auto; padding: 20px 16px 40px; }
        h1 { font-size: 20px; margin: 0 0 12px; }
        p { margin: 8px 0; }
        .hint, .muted { color: var(--tg-theme-hint-color, #707579); font-size: 14px; }
        .error { color: var(--tg-theme-destructive-text-color, #d14e4e); }
        .ok { color: var(--tg-theme-link-color, #2481cc); font-weight: 600; }
        .qr { display: block; width: 100%; max-width: 280px; margin: 12px auto; background: #fff; border-radius: 12px; }
        a { color: var(--tg-theme-link-color, #2481cc); word-break: break-all; }
        input { box-sizing: border-box; width: 100%; padding: 10px 12px; font: inherit; border-radius: 10px;
          border: 1px solid var(--tg-theme-hint-color, #c4c9cc);
          background: var(--tg-theme-secondary-bg-color, #f4f4f5); color: var(--tg-theme-text-color, #1b1b1b); }
        button { width: 100%; margin-top: 10px; padding: 11px 12px; font: inherit; font-weight: 600; border: 0;
          border-radius: 10px; cursor: pointer;
          background: var(--tg-theme-button-color, #2481cc); color: var(--tg-theme-button-text-color, #ffffff); }
        button.secondary { background: var(--tg-theme-secondary-bg-color, #f4f4f5); color: var(--tg-theme-text-color, #1b1b1b); }
        ol { padding-left: 20px; }
        """

    static let script = #"""
        (function () {
          'use strict';
          var tg = window.Telegram && window.Telegram.WebApp;
          var initData = tg && tg.initData ? tg.initData : '';
          var tgUser = tg && tg.initDataUnsafe && tg.initDataUnsafe.user;
          var language = String((tgUser && tgUser.language_code) || navigator.language || 'en').toLowerCase();
          var lang = language.indexOf('ru') === 0 ? 'ru' : 'en';
          var TEXT = {
            en: {
              title: 'Connect your Telegram account',
              intro: 'Teleradar reads your channels through your own Telegram session.',
              start: 'Show QR code', starting: 'Starting…',
              scan: 'Scan this QR code with Telegram on your phone:',
              steps: 'Telegram → Settings → Devices → Link Desktop Device.',
              link: 'Or open this link on a device where you are logged in:',
              expires: 'The code is valid until', refreshed: 'The code refreshes by itself.',
              password: 'Your account has a two-step verification password.', hint: 'Hint:',
              attempt: 'Attempt', send: 'Log in', wrong: 'Wrong password, try again.',
              ready: 'Done! Your Telegram account is connected:', close: 'Close',
              expired: 'The login expired (10 minutes). Start again.', failed: 'The login failed:',
              again: 'Start again', another: 'Another Telegram account logged in. Log in with your own account.',
              tokenNeeded: 'Open this page from the bot in Telegram, or paste an API token (/token in the bot):',
              tokenSave: 'Use token', logout: 'Disconnect', none: 'No Telegram session yet.',
              error: 'Error:', busy: 'Please wait…'
            },
            ru: {
              title: 'Подключение аккаунта Telegram',
              intro: 'Teleradar читает ваши каналы через вашу собственную сессию Telegram.',
              start: 'Показать QR-код', starting: 'Запуск…',
              scan: 'Отсканируйте этот QR-код в Telegram на телефоне:',
              steps: 'Telegram → Настройки → Устройства → Подключить устройство.',
              link: 'Или откройте эту ссылку на устройстве, где вы уже вошли:',
              expires: 'Код действует до', refreshed: 'Код обновляется сам.',
              password: 'У аккаунта включена двухэтапная проверка (облачный пароль).', hint: 'Подсказка:',
              attempt: 'Попытка', send: 'Войти', wrong: 'Неверный пароль, попробуйте ещё раз.',
              ready: 'Готово! Аккаунт Telegram подключён:', close: 'Закрыть',
              expired: 'Время входа истекло (10 минут). Начните заново.', failed: 'Вход не удался:',
              again: 'Начать заново', another: 'Вошёл другой аккаунт Telegram. Войдите своим аккаунтом.',
              tokenNeeded: 'Откройте страницу из бота в Telegram или вставьте API-токен (/token в боте):',
              tokenSave: 'Использовать токен', logout: 'Отключить', none: 'Сессии Telegram пока нет.',
              error: 'Ошибка:', busy: 'Подождите…'
            }
          };
          function t(key) { return TEXT[lang][key] || TEXT.en[key]; }
          function esc(value) {
            return String(value).replace(/[&<>"']/g, function (c) {
              return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
            });
          }
          var content = document.getElementById('content');
          document.getElementById('title').textContent = t('title');
          document.documentElement.lang = lang;
          if (tg) { tg.ready(); tg.expand(); }

          function authorization() {
            if (initData) { return 'tma ' + initData; }
            var token = sessionStorage.getItem('teleradar_token');
            return token ? 'Bearer ' + token : null;
          }

          function api(method, path, body) {
            var headers = { 'Authorization': authorization() };
            if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
            return fetch('/api/v1' + path, {
              method: method, headers: headers, cache: 'no-store',
              body: body === undefined ? undefined : JSON.stringify(body)
            });
          }

          var timer = null, shownLink = null, qrURL = null, lastStatus = null;

          function show(html) { content.innerHTML = html; }
          function showError(message) {
            show('<p class="error">' + esc(t('error')) + ' ' + esc(message) + '</p>' +
              '<button id="again" type="button">' + esc(t('again')) + '</button>');
            bind('again', 'click', start);
          }
          function bind(id, event, handler) {
            var node = document.getElementById(id);
            if (node) { node.addEventListener(event, handler); }
          }
          function stopPolling() { if (timer) { clearInterval(timer); timer = null; } }
          function startPolling() { stopPolling(); timer = setInterval(poll, 2000); }

          function askToken() {
            show('<p>' + esc(t('tokenNeeded')) + '</p><input id="token" type="password" autocomplete="off">' +
              '<button id="save" type="button">' + esc(t('tokenSave')) + '</button>');
            bind('save', 'click', function () {
              var value = document.getElementById('token').value.trim();
              if (value) { sessionStorage.setItem('teleradar_token', value); boot(); }
            });
          }

          function readError(response) {
            return response.json().then(function (body) { return body.message || response.statusText; },
              function () { return response.statusText; });
          }

          function start() {
            show('<p class="muted">' + esc(t('starting')) + '</p>');
            api('POST', '/telegram/login').then(function (response) {
              if (response.status === 401) { sessionStorage.removeItem('teleradar_token'); askToken(); return; }
              if (!response.ok) { return readError(response).then(showError); }
              return response.json().then(function (state) { render(state); startPolling(); });
            }, function (error) { showError(error.message); });
          }

          function poll() {
            api('GET', '/telegram/login').then(function (response) {
              if (!response.ok) { stopPolling(); return readError(response).then(showError); }
              return response.json().then(render);
            }, function () { /* keep polling through network blips */ });
          }

          function loadQR(link) {
            if (link === shownLink) { return; }
            shownLink = link;
            api('GET', '/telegram/login/qr.svg').then(function (response) {
              if (!response.ok) { return; }
              return response.blob().then(function (blob) {
                if (qrURL) { URL.revokeObjectURL(qrURL); }
                qrURL = URL.createObjectURL(blob);
                var image = document.getElementById('qr');
                if (image) { image.src = qrURL; }
              });
            });
          }

          function time(iso) {
            var date = new Date(iso);
            return isNaN(date) ? '' : date.toLocaleTimeString(lang === 'ru' ? 'ru-RU' : 'en-GB');
          }

          function render(state) {
            var status = state.status;
            if (status === 'waiting_for_qr') {
              var link = String(state.qr_link || '');
              var safeLink = link.indexOf('tg://login?token=') === 0 ? link : '';
              if (lastStatus !== 'waiting_for_qr') {
                show('<p>' + esc(t('scan')) + '</p><p class="hint">' + esc(t('steps')) + '</p>' +
                  '<img id="qr" class="qr" alt="QR">' +
                  '<p class="hint">' + esc(t('link')) + '</p><p><a id="tglink"></a></p>' +
                  '<p class="hint" id="expiry"></p>');
                shownLink = null;
              }
              var anchor = document.getElementById('tglink');
              if (anchor) { anchor.href = safeLink; anchor.textContent = safeLink; }
              var expiry = document.getElementById('expiry');
              if (expiry) { expiry.textContent = t('refreshed') + ' ' + t('expires') + ' ' + time(state.expires_at) + '.'; }
              if (qrURL && shownLink !== null) {
                var image = document.getElementById('qr');
                if (image && !image.src) { image.src = qrURL; }
              }
              loadQR(link);
            } else if (status === 'waiting_for_password') {
              if (lastStatus === 'waiting_for_password' && document.getElementById('password') &&
                  String(state.attempt) === content.getAttribute('data-attempt')) { lastStatus = status; return; }
              var previous = state.previous_error === 'wrong_password' ? t('wrong') : (state.previous_error || '');
              show('<p>' + esc(t('password')) + '</p>' +
                (state.password_hint ? '<p class="hint">' + esc(t('hint')) + ' ' + esc(state.password_hint) + '</p>' : '') +
                (previous ? '<p class="error">' + esc(previous) + '</p>' : '') +
                '<p class="muted">' + esc(t('attempt')) + ' ' + esc(state.attempt || 1) + '</p>' +
                '<input id="password" type="password" autocomplete="current-password">' +
                '<button id="send" type="button">' + esc(t('send')) + '</button>');
              content.setAttribute('data-attempt', String(state.attempt));
              bind('send', 'click', sendPassword);
              bind('password', 'keydown', function (event) { if (event.key === 'Enter') { sendPassword(); } });
            } else if (status === 'ready') {
              stopPolling();
              show('<p class="ok">' + esc(t('ready')) + ' ' + esc(state.name || '') + '</p>' +
                (tg ? '<button id="close" type="button">' + esc(t('close')) + '</button>' : '') +
                '<button id="logout" class="secondary" type="button">' + esc(t('logout')) + '</button>');
              bind('close', 'click', function () { tg.close(); });
              bind('logout', 'click', logout);
            } else if (status === 'expired') {
              stopPolling();
              show('<p class="error">' + esc(t('expired')) + '</p><button id="again" type="button">' + esc(t('again')) + '</button>');
              bind('again', 'click', start);
            } else if (status === 'failed') {
              stopPolling();
              var reason = state.reason === 'another account' ? t('another') : t('failed') + ' ' + (state.reason || '');
              show('<p class="error">' + esc(reason) + '</p><button id="again" type="button">' + esc(t('again')) + '</button>');
              bind('again', 'click', start);
            } else if (status === 'starting') {
              show('<p class="muted">' + esc(t('starting')) + '</p>');
            } else {
              stopPolling();
              show('<p>' + esc(t('intro')) + '</p><p class="muted">' + esc(t('none')) + '</p>' +
                '<button id="start" type="button">' + esc(t('start')) + '</button>');
              bind('start', 'click', start);
            }
            lastStatus = status;
          }

          function sendPassword() {
            var input = document.getElementById('password');
            if (!input || !input.value) { return; }
            var value = input.value;
            input.value = '';
            show('<p class="muted">' + esc(t('busy')) + '</p>');
            lastStatus = 'sending';
            api('POST', '/telegram/login/password', { password: value }).then(function (response) {
              if (!response.ok && response.status !== 409) { return readError(response).then(showError); }
              poll();
            }, function (error) { showError(error.message); });
          }

          function logout() {
            api('DELETE', '/telegram/session').then(function () { lastStatus = null; boot(); });
          }

          function boot() {
            if (!authorization()) { askToken(); return; }
            api('GET', '/telegram/login').then(function (response) {
              if (response.status === 401) { sessionStorage.removeItem('teleradar_token'); askToken(); return; }
              if (!response.ok) { return readError(response).then(showError); }
              return response.json().then(function (state) {
                render(state);
                if (['starting', 'waiting_for_qr', 'waiting_for_password'].indexOf(state.status) >= 0) { startPolling(); }
              });
            }, function (error) { showError(error.message); });
          }
          // In a browser the API token may come in the link's fragment (`/miniapp/login#token=…`: never sent to
          // the server or kept in its logs); it goes to sessionStorage and out of the address bar.
          function tokenFromURL() {
            if (typeof location === 'undefined' || !location.hash) { return; }
            var match = /^#(?:.*&)?token=([^&]+)/.exec(location.hash);
            if (!match) { return; }
            sessionStorage.setItem('teleradar_token', decodeURIComponent(match[1]));
            if (typeof history !== 'undefined' && history.replaceState) {
              history.replaceState(null, '', location.pathname + location.search);
            }
          }
          tokenFromURL();
          boot();
        })();
        """#
}
