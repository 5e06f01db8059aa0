// cognito-widget for any page: `import { mount } from './cognito-widget.js'`, or just use the
// <cognito-widget> element this module defines. Loads the wasm once, on first use.
//
//   <cognito-widget config="/auth-config.json"></cognito-widget>          (a URL)
//   <cognito-widget config='{"amplify_outputs": {...}}'></cognito-widget>  (inline JSON)
//   attributes: storage="local|session|memory", language="en|de|fr|es",
//               initial-screen="sign-in|sign-up|account" (account: the profile once signed
//               in), hide-sign-up, expose-refresh-token,
//               request-timeout-ms="15000", heading-level="1..6" (default 2),
//               sign-up-attributes="given_name custom:department" (the optional attributes
//               sign-up asks for; required ones always), and to leave sections of the
//               account view out: hide-profile, hide-change-password, hide-mfa,
//               hide-devices, hide-delete-account
//
// The host hears bubbling CustomEvents: cognito-widget:signed-in and
// cognito-widget:tokens-refreshed (detail: username, claims, idToken, accessToken, expiresAt,
// and refreshToken only with expose-refresh-token), cognito-widget:signed-out (detail: reason),
// cognito-widget:error (detail: name, message), cognito-widget:attributes-updated (detail:
// attributes, all of the user's after a saved change or a verified address) and
// cognito-widget:account-deleted (detail: username).
import init, { mount as mountWasm, addLanguage } from './cognito_widget.js';
import { guard, isStopped, watch } from './stopped.js';

let ready;
function load() {
  ready ??= init({ module_or_path: new URL('./cognito_widget_bg.wasm', import.meta.url) });
  return ready;
}

// English is built in; other languages' texts live beside this module (i18n/<code>.json) and
// are fetched once, when a widget first needs them. If they cannot be loaded, English it is.
const languages = new Map();
function loadLanguage(tag) {
  const code = String(tag ?? 'en').split(/[-_]/)[0].toLowerCase();
  if (code === 'en' || !/^[a-z]{2,3}$/.test(code)) return undefined;
  if (!languages.has(code)) {
    languages.set(code, fetch(new URL(`./i18n/${code}.json`, import.meta.url))
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((texts) => addLanguage(code, texts))
      .catch((e) => console.warn(`cognito-widget: the ${code} texts: ${e.message ?? e}; showing English`)));
  }
  return languages.get(code);
}

// Widgets say so when a trap stops them (stopped.js).
const mounted = new Set();
watch(() => mounted);

/**
 * Mounts the widget into `element`; resolves to a handle with unmount(), signOut(),
 * getSession() (a promise of valid tokens, refreshed first if needed, or of null) and
 * getCredentials() (a promise of AWS credentials from the configuration's identity pool:
 * `{identityId, authenticated, credentials: {accessKeyId, secretAccessKey, sessionToken,
 * expiration}}`, `expiration` in Unix seconds; null for a guest when the pool has no guests).
 * `options`: `screen` (the initial screen: 'sign-in', 'sign-up' or 'account') and `hide` (the
 * account view's sections to leave out: 'profile', 'change-password', 'mfa', 'devices',
 * 'delete-account').
 */
export async function mount(element, config, options = {}) {
  await load();
  let text = typeof config === 'string' ? config : JSON.stringify(config);
  if (options.screen !== undefined || options.hide !== undefined) {
    const merged = JSON.parse(text);
    if (options.screen !== undefined) merged.initial_screen = options.screen;
    if (options.hide !== undefined) merged.hide_account_sections = options.hide;
    text = JSON.stringify(merged);
  }
  let language;
  try {
    language = JSON.parse(text).language;
  } catch {
    // Not JSON: the widget's own reader says what is wrong.
  }
  await loadLanguage(language);
  if (isStopped()) throw new Error('cognito-widget stopped after an internal error');
  const handle = guard(() => mountWasm(element, text));
  mounted.add(element);
  return {
    unmount() {
      mounted.delete(element);
      if (!isStopped()) guard(() => handle.unmount());
    },
    signOut() { guard(() => handle.signOut()); },
    getSession() { return guard(() => handle.getSession()); },
    getCredentials() { return guard(() => handle.getCredentials()); },
  };
}

async function configOf(el) {
  const source = (el.getAttribute('config') ?? '').trim();
  let config;
  if (source.startsWith('{')) {
    config = JSON.parse(source);
  } else {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`${source} answered HTTP ${response.status}`);
    config = await response.json();
  }
  for (const name of ['storage', 'language', 'initial-screen']) {
    if (el.hasAttribute(name)) config[name.replace('-', '_')] = el.getAttribute(name);
  }
  if (el.hasAttribute('hide-sign-up')) config.hide_sign_up = true;
  if (el.hasAttribute('expose-refresh-token')) config.expose_refresh_token = true;
  if (el.hasAttribute('request-timeout-ms')) config.request_timeout_ms = Number(el.getAttribute('request-timeout-ms'));
  if (el.hasAttribute('heading-level')) config.heading_level = Number(el.getAttribute('heading-level'));
  const hidden = ['profile', 'change-password', 'mfa', 'devices', 'delete-account']
    .filter((section) => el.hasAttribute(`hide-${section}`));
  if (hidden.length) config.hide_account_sections = hidden;
  if (el.hasAttribute('sign-up-attributes')) {
    config.sign_up_attributes = el.getAttribute('sign-up-attributes').split(/\s+/).filter(Boolean);
  }
  return config;
}

class CognitoWidgetElement extends HTMLElement {
  connectedCallback() {
    // getCredentials() called before the widget is up waits for it.
    this.ready = this.connect();
  }

  async connect() {
    try {
      const config = await configOf(this);
      if (!this.isConnected) return; // removed while the config loaded
      const handle = await mount(this, config);
      // Removed while mounting: disconnectedCallback found no handle to unmount.
      if (!this.isConnected) return handle.unmount();
      this.handle = handle;
    } catch (e) {
      this.textContent = `This sign-in form is not set up correctly: ${e.message ?? e}`;
      this.dispatchEvent(new CustomEvent('cognito-widget:error', {
        bubbles: true, composed: true, detail: { name: 'ConfigError', message: String(e.message ?? e) },
      }));
    }
  }

  disconnectedCallback() {
    this.handle?.unmount();
    this.handle = undefined;
  }

  signOut() { this.handle?.signOut(); }

  /** A promise of valid tokens (refreshed first if needed), or of null when signed out. */
  getSession() { return this.handle?.getSession() ?? Promise.resolve(null); }

  /**
   * A promise of AWS credentials from the configuration's identity pool (see mount()), once
   * the widget is up; null when it could not be mounted.
   */
  async getCredentials() {
    await this.ready;
    return this.handle ? this.handle.getCredentials() : null;
  }
}

if (!customElements.get('cognito-widget')) customElements.define('cognito-widget', CognitoWidgetElement);
