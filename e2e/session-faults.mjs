// Fault injection for every submit: each request the widget sends for sign-in, sign-up, confirm,
// forgot password, reset and new password meets, once, each way a request fails (connection
// refused, no answer before the timeout, a 500, a proxy's 503 HTML page, a 429 throttle,
// malformed JSON). Each time the user must see a plain message, keep what they typed, and get
// through by pressing the same button again. Also: a confirmation whose answer is lost moves
// on when retried, and "Back to sign in" works while a request hangs. Prints a table
// (operation × fault) and fails on any missing message, lost input or failed retry.
// Needs COGNITO_EMULATOR (scripts/with-emulator) and dist/app (trunk build --release).
import { EmulatorApi } from './emulator-api.mjs';
import { faults, onlyOnce, withTimeout } from './faults.mjs';
import { serveDist } from './serve-dist.mjs';
import { addresses, launch } from './session-support.mjs';
import { WidgetPage } from './widget-page.mjs';

const emulator = process.env.COGNITO_EMULATOR;
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
const api = new EmulatorApi(emulator);
const { poolId, clientId } = await api.client('my-user-pool');
const site = await serveDist();
const app = `${site.url}?emulator=${encodeURIComponent(emulator)}&pool=my-user-pool`;
const PASSWORD = 'faulty Pass 42';
const fresh = addresses('fault');

// Each operation: how to reach its form with everything typed, which request its submit sends
// first, the fields whose values must survive a failure, and what success looks like.
const operations = {
  'sign-in': {
    target: 'InitiateAuth', submit: 'Sign in',
    async arrange(w) {
      const email = fresh('in');
      await api.confirmedUser(clientId, email, PASSWORD);
      await w.heading('Sign in').waitFor();
      await w.field('Email').fill(email);
      await w.field('Password').fill(PASSWORD);
      return { kept: { Email: email, Password: PASSWORD }, done: () => w.signedInAs(email) };
    },
  },
  'sign-up': {
    target: 'SignUp', submit: 'Create account',
    async arrange(w) {
      const email = fresh('up');
      const kept = await fillSignUp(w, email);
      return { kept, done: () => w.heading('Confirm your account').waitFor() };
    },
  },
  confirm: {
    target: 'ConfirmSignUp', submit: 'Confirm',
    async arrange(w) {
      const email = fresh('confirm');
      await fillSignUp(w, email);
      await w.button('Create account').click();
      await w.heading('Confirm your account').waitFor();
      const code = await api.code(email);
      await w.field('Code').fill(code);
      return { kept: { Code: code }, done: () => w.signedInAs(email) };
    },
  },
  forgot: {
    target: 'ForgotPassword', submit: 'Send code',
    async arrange(w) {
      const email = await toResetForm(w, 'forgot');
      return { kept: { Email: email }, done: () => w.field('New password').waitFor() };
    },
  },
  reset: {
    target: 'ConfirmForgotPassword', submit: 'Reset password',
    async arrange(w) {
      const email = await toResetForm(w, 'reset');
      await w.button('Send code').click();
      await w.field('New password').waitFor();
      const code = await api.code(email);
      await w.field('Code').fill(code);
      await w.field('New password').fill(`${PASSWORD} again`);
      return {
        kept: { Code: code, 'New password': `${PASSWORD} again` },
        done: () => w.page.getByText('Your password was changed').waitFor(),
      };
    },
  },
  'new password': {
    target: 'RespondToAuthChallenge', submit: 'Change password',
    async arrange(w) {
      const email = fresh('invited');
      await api.invitedUser(poolId, email, 'Temporary 1');
      await w.signIn(email, 'Temporary 1');
      await w.heading('Choose a new password').waitFor();
      await w.field('New password').fill(PASSWORD);
      return { kept: { 'New password': PASSWORD }, done: () => w.signedInAs(email) };
    },
  },
};

/** A confirmed user who forgot the password, at the reset form with the name carried over. */
async function toResetForm(w, tag) {
  const email = fresh(tag);
  await api.confirmedUser(clientId, email, PASSWORD);
  await w.heading('Sign in').waitFor();
  await w.field('Email').fill(email);
  await w.button('Forgot your password?').click();
  await w.heading('Reset your password').waitFor();
  return email;
}

async function fillSignUp(w, email) {
  await w.heading('Sign in').waitFor();
  await w.button('Create an account').click();
  const kept = {
    Email: email, Password: PASSWORD, 'Confirm password': PASSWORD, 'Given name': 'Grace', 'Family name': 'Hopper',
  };
  for (const [label, value] of Object.entries(kept)) await w.field(label).fill(value);
  return kept;
}

const browser = await launch();
const failures = [];
const table = [];

/** A fresh browser context on the app, with a short request timeout. */
async function open() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
  await withTimeout(page, emulator, 2500);
  await page.goto(app);
  return { context, page, w: new WidgetPage(page) };
}

async function keptValues(w, kept) {
  const lost = [];
  for (const [label, value] of Object.entries(kept)) {
    if ((await w.field(label).inputValue()) !== value) lost.push(label);
  }
  return lost;
}

try {
  for (const [op, operation] of Object.entries(operations)) {
    const row = { op };
    for (const [name, fault] of Object.entries(faults)) {
      const { context, page, w } = await open();
      let outcome;
      try {
        const { kept, done } = await operation.arrange(w);
        const hit = await onlyOnce(page, emulator, operation.target, fault.inject);
        await w.button(operation.submit).click();
        const shown = await page.getByTestId('cw-error').getByText(fault.says)
          .waitFor({ timeout: 8000 }).then(() => true, () => false);
        const lost = await keptValues(w, kept);
        await w.button(operation.submit).click();
        const retried = await done().then(() => true, () => false);
        outcome = { hit: hit(), shown, lost, retried };
      } catch (e) {
        outcome = { error: String(e.message ?? e).split('\n')[0] };
      }
      await context.close();
      const ok = outcome.hit && outcome.shown && outcome.lost?.length === 0 && outcome.retried;
      row[name] = ok ? 'ok' : JSON.stringify(outcome);
      if (!ok) failures.push(`${op} × ${name}: ${row[name]}`);
    }
    table.push(row);
  }

  // A confirmation that reached Cognito but whose answer was lost: pressing Confirm again is
  // answered "already confirmed", and the widget moves on to signed in.
  {
    const { context, page, w } = await open();
    const email = fresh('lost');
    await fillSignUp(w, email);
    await w.button('Create account').click();
    await w.heading('Confirm your account').waitFor();
    await w.field('Code').fill(await api.code(email));
    await onlyOnce(page, emulator, 'ConfirmSignUp', async (route) => {
      await route.fetch(); // Cognito confirms the account…
      await route.abort('connectionreset'); // …and the answer never arrives
    });
    await w.button('Confirm').click();
    await page.getByTestId('cw-error').getByText('could not reach').waitFor();
    await w.button('Confirm').click();
    const through = await w.signedInAs(email).then(() => true, () => false);
    if (through) console.log('  ok: a lost confirmation answer, retried, signs in');
    else failures.push('a lost confirmation answer, retried, did not move on');
    await context.close();
  }

  // "Back to sign in" while a sign-up hangs: the form changes at once, the late answer is
  // ignored, and a reload does not reopen a code form.
  {
    const { context, page, w } = await open();
    const email = fresh('back');
    await fillSignUp(w, email);
    await onlyOnce(page, emulator, 'SignUp', faults['hang past the timeout'].inject);
    await w.button('Create account').click();
    await w.button('Creating account…').waitFor();
    await w.button('Have an account? Sign in').click();
    const back = await w.heading('Sign in').waitFor({ timeout: 1000 }).then(() => true, () => false);
    await page.waitForTimeout(3000); // past the timeout: nothing may come back to the screen
    const stayed = await w.heading('Sign in').isVisible() && !(await page.getByTestId('cw-error').innerText()).trim();
    if (back && stayed) console.log('  ok: going back while a request hangs abandons it');
    else failures.push(`going back while a request hangs: back=${back} stayed=${stayed}`);
    await context.close();
  }
} catch (e) {
  failures.push(String(e?.stack ?? e));
} finally {
  await browser.close();
  site.close();
}

const names = Object.keys(faults);
console.log(`\n  ${'operation'.padEnd(14)}${names.map((n) => n.padEnd(23)).join('')}`);
for (const row of table) {
  console.log(`  ${row.op.padEnd(14)}${names.map((n) => (row[n] === 'ok' ? 'message, kept, retried' : 'FAILED').padEnd(23)).join('')}`);
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`  ok: ${table.length} operations × ${names.length} faults: every failure explained, input kept, retry succeeded`);
