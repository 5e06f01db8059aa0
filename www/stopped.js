// A Rust panic aborts the wasm with a trap (WebAssembly.RuntimeError), after which the one
// instance every widget of the page shares cannot be trusted. Rather than widgets that stop
// answering without a word: each says so, in its language, the page hears
// cognito-widget:error (name InternalError) from it, and the console has the trap. Used by
// cognito-widget.js (embedded widgets) and by the standalone app's bootstrap.
// The words, in the widget's language, wait on its card (data-stopped) while it runs.
const english = 'Sign-in stopped working because of an internal error. Reload the page to try again.';
let stopped = false;
let widgets = () => [];

/** Whether a trap has stopped the widgets. */
export const isStopped = () => stopped;

/** Stops every widget `widgets()` lists (elements holding a card, or cards) if `error` is a trap. */
export function stopOn(error) {
  if (stopped || !(error instanceof WebAssembly.RuntimeError)) return;
  stopped = true;
  console.error('cognito-widget: stopped by an internal error (a trap in the wasm)', error);
  for (const element of widgets()) {
    const card = element.closest('[data-stopped]') ?? element.querySelector('[data-stopped]');
    const text = card?.dataset.stopped ?? english;
    const p = document.createElement('p');
    p.className = 'cw-error';
    p.setAttribute('role', 'alert');
    p.textContent = text;
    element.replaceChildren(p);
    element.dispatchEvent(new CustomEvent('cognito-widget:error', {
      bubbles: true, composed: true, detail: { name: 'InternalError', message: text },
    }));
  }
}

/** Watches the page for traps; `list` gives the widgets to stop. */
export function watch(list) {
  widgets = list;
  addEventListener('error', (e) => stopOn(e.error));
  addEventListener('unhandledrejection', (e) => stopOn(e.reason));
}

/** Calls into the wasm; a trap stops the widgets (and is thrown on). */
export function guard(call) {
  try {
    return call();
  } catch (e) {
    stopOn(e);
    throw e;
  }
}
