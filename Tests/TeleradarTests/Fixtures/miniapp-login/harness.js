// Runs the Mini App login script (argv[2]) in node against a minimal DOM and a scripted API (argv[3], JSON:
// {telegram?, navigatorLanguage?, responses: {"METHOD /path": [{status, body}, …]}, steps: [{action, id?, value?}]}).
// A response queue serves its entries in order and then repeats its last one. After every step the content is
// recorded; the result is printed as one JSON object.
'use strict';
const fs = require('fs');
const vm = require('vm');
const [scriptPath, scenarioPath] = process.argv.slice(2);
const scenario = JSON.parse(fs.readFileSync(scenarioPath, 'utf8'));

const elements = {};
function element(id) { return elements[id] || (elements[id] = makeElement(id)); }
function makeElement(id) {
  const node = {
    id, listeners: {}, attributes: {}, children: [], value: '', textContent: '', href: '', src: '',
    addEventListener(type, handler) { (this.listeners[type] = this.listeners[type] || []).push(handler); },
    setAttribute(name, value) { this.attributes[name] = String(value); },
    getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; },
    fire(type, event) { (this.listeners[type] || []).forEach((handler) => handler(event || {})); },
  };
  let html = '';
  Object.defineProperty(node, 'innerHTML', {
    get() { return html; },
    set(value) {
      html = String(value);
      node.children.forEach((child) => { delete elements[child]; });
      node.children = [];
      for (const match of html.matchAll(/\sid="([^"]+)"/g)) {
        delete elements[match[1]];
        element(match[1]);
        node.children.push(match[1]);
      }
    },
  });
  return node;
}
element('content');
element('title');

const requests = [];
function fetchStub(url, options) {
  const key = options.method + ' ' + url;
  requests.push({ key, authorization: options.headers.Authorization, body: options.body || null });
  const queue = scenario.responses[key] || [];
  const next = (queue.length > 1 ? queue.shift() : queue[0]) || { status: 404, body: { message: 'no such route' } };
  return Promise.resolve({
    ok: next.status >= 200 && next.status < 300, status: next.status, statusText: 'status ' + next.status,
    json: () => Promise.resolve(next.body), blob: () => Promise.resolve('svg'),
  });
}

const intervals = [];
const storage = {};
const sandbox = {
  window: {},
  document: { getElementById: element, documentElement: { lang: '' } },
  navigator: { language: scenario.navigatorLanguage || 'en-US' },
  sessionStorage: {
    getItem: (key) => (key in storage ? storage[key] : null),
    setItem: (key, value) => { storage[key] = String(value); },
    removeItem: (key) => { delete storage[key]; },
  },
  fetch: fetchStub,
  setInterval: (handler, ms) => { intervals.push({ handler, ms }); return intervals.length; },
  clearInterval: () => {},
  URL: { createObjectURL: () => 'blob:qr', revokeObjectURL: () => {} },
};
if (scenario.telegram) {
  sandbox.window.Telegram = {
    WebApp: {
      initData: scenario.telegram.initData,
      initDataUnsafe: { user: { language_code: scenario.telegram.language } },
      ready() {}, expand() {}, close() {},
    },
  };
}
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(scriptPath, 'utf8'), sandbox);

const settle = async () => { for (let i = 0; i < 10; i++) { await new Promise((resolve) => setImmediate(resolve)); } };
(async () => {
  const snapshots = [];
  await settle();
  snapshots.push({ step: 'boot', html: element('content').innerHTML });
  for (const step of scenario.steps) {
    if (step.action === 'click') { element(step.id).fire('click'); }
    if (step.action === 'type') { element(step.id).value = step.value; }
    if (step.action === 'tick') { intervals.slice(-1).forEach((interval) => interval.handler()); }
    await settle();
    snapshots.push({
      step: step.action + (step.id ? ':' + step.id : ''), html: element('content').innerHTML,
      link: elements.tglink ? elements.tglink.href : null, qr: elements.qr ? elements.qr.src : null,
    });
  }
  console.log(JSON.stringify({
    snapshots, requests, intervals: intervals.map((interval) => interval.ms), storage,
    lang: sandbox.document.documentElement.lang, title: element('title').textContent,
  }));
})();
