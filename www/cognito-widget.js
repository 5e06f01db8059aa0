// cognito-widget for any page: `import { mount } from './cognito-widget.js'`, or just use the
// <cognito-widget> element this module defines. Loads the wasm once, on first use.
//
//   <cognito-widget config="/auth-config.json"></cognito-widget>          (a URL)
//   <cognito-widget config='{"amplify_outputs": {...}}'></cognito-widget>  (inline JSON)
//   attributes: storage="local|session|memory", language="en|de|fr|es",
//               initial-screen="sign-in|sign-up", hide-sign-up
//
// The host hears bubbling CustomEvents: cognito-widget:signed-in (detail: username, claims,
// idToken, accessToken, refreshToken), cognito-widget:signed-out, cognito-widget:error.
import init, { mount as mountWasm } from './cognito_widget.js';

let ready;
function load() {
  ready ??= init({ module_or_path: new URL('./cognito_widget_bg.wasm', import.meta.url) });
  return ready;
}

/** Mounts the widget into `element`; resolves to a handle with unmount(), signOut(), getSession(). */
export async function mount(element, config) {
  await load();
  return mountWasm(element, typeof config === 'string' ? config : JSON.stringify(config));
}

async function configOf(el) {
  const source = (el.getAttribute('config') ?? '').trim();
  const config = source.startsWith('{') ? JSON.parse(source) : await (await fetch(source)).json();
  for (const name of ['storage', 'language', 'initial-screen']) {
    if (el.hasAttribute(name)) config[name.replace('-', '_')] = el.getAttribute(name);
  }
  if (el.hasAttribute('hide-sign-up')) config.hide_sign_up = true;
  return config;
}

class CognitoWidgetElement extends HTMLElement {
  async connectedCallback() {
    try {
      const config = await configOf(this);
      if (!this.isConnected) return; // removed while the config loaded
      this.handle = await mount(this, config);
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

  getSession() { return this.handle?.getSession() ?? null; }
}

if (!customElements.get('cognito-widget')) customElements.define('cognito-widget', CognitoWidgetElement);
