// Accessibility of the standalone app (release build, Debian chromium, the emulator): axe-core
// audits every step in English and German, error states included, and the behaviour axe
// cannot see: one <main> with the card a labelled region carrying its language, live regions
// present while empty, errors at their fields with focus moved to the first, a checklist that
// announces only what changed, an error with no field of its form shown in the card, and a
// busy submit that keeps the focus. Needs COGNITO_EMULATOR and dist/app.
import { launch, addresses, checks } from './session-support.mjs';
import { EmulatorApi } from './emulator-api.mjs';
import { auditor } from './axe.mjs';
import { serveDist } from './serve-dist.mjs';
import { WidgetPage } from './widget-page.mjs';

const emulator = process.env.COGNITO_EMULATOR;
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
const api = new EmulatorApi(emulator);
const { poolId, clientId } = await api.client('my-user-pool');
const fresh = addresses('a11y');
const { check, finish } = checks();
const site = await serveDist();
const browser = await launch();
const appUrl = `${site.url}?emulator=${encodeURIComponent(emulator)}&pool=my-user-pool`;
const password = 'a11y Pass 42';

/** What the focused element is: its label's text, or its own text. */
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return el?.labels?.[0]?.textContent?.trim() ?? el?.textContent?.trim() ?? '';
});
/** The error shown under a field, and whether the field says it is invalid. */
async function fieldState(w, label) {
  const input = w.field(label);
  const invalid = await input.getAttribute('aria-invalid');
  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  const ids = describedBy.split(' ').filter((id) => id.endsWith('-error'));
  const message = ids.length ? await w.page.locator(`#${ids[0]}`).textContent() : '';
  return { invalid, message };
}
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

try {
  // English, a new user from sign-up to signed in.
  const page = await browser.newPage({ viewport: { width: 520, height: 900 } });
  const audit = auditor(page, check);
  const w = new WidgetPage(page);
  await page.goto(appUrl);
  await w.heading('Sign in').waitFor();
  await audit('sign-in');

  const landmarks = await page.evaluate(() => {
    const card = document.querySelector('[data-testid=cw-root]');
    const heading = document.getElementById(card.getAttribute('aria-labelledby'));
    return {
      mains: document.querySelectorAll('main, [role=main]').length,
      inMain: !!card.closest('main'),
      tag: card.tagName,
      named: heading?.textContent,
      level: heading?.getAttribute('aria-level'),
      lang: card.getAttribute('lang'),
      regions: [...card.querySelectorAll('[role=alert], [role=status]')].map((r) => getComputedStyle(r).display),
    };
  });
  check('the app has one <main>, the card inside it', landmarks.mains === 1 && landmarks.inMain, JSON.stringify(landmarks));
  check('the card is a section named by its heading (level 1 in the app) and carries lang="en"',
    landmarks.tag === 'SECTION' && landmarks.named === 'Sign in' && landmarks.level === '1' && landmarks.lang === 'en',
    JSON.stringify(landmarks));
  check('the error and status live regions are in the page while empty (not display: none)',
    landmarks.regions.length === 2 && !landmarks.regions.includes('none'), JSON.stringify(landmarks.regions));

  await w.button('Create an account').click();
  await w.heading('Create an account').waitFor();
  await audit('sign-up');

  // Submitted empty: every required field says so, and focus goes to the first.
  await w.button('Create account').click();
  await settle(page);
  const email = await fieldState(w, 'Email');
  check('an empty sign-up marks Email invalid and says "Please fill this in."',
    email.invalid === 'true' && email.message === 'Please fill this in.', JSON.stringify(email));
  check('focus moved to the first invalid field (Email)', (await focused(page)) === 'Email', await focused(page));
  const given = await fieldState(w, 'Given name');
  check('a required attribute left empty is marked too', given.invalid === 'true', JSON.stringify(given));
  await audit('sign-up submitted empty (errors at every field)');

  // A password that breaks the rules, typed a key at a time: the checklist announces changes.
  const user = fresh('user');
  await w.field('Email').fill(user);
  const said = () => page.locator('.cw-checklist + [aria-live]').textContent();
  await w.field('Password').fill('');
  await w.field('Password').pressSequentially('a');
  await settle(page);
  const first = await said();
  await w.field('Password').pressSequentially('b');
  await settle(page);
  const unchanged = await said();
  await w.field('Password').pressSequentially('1');
  await settle(page);
  const upper = await said();
  const listLive = await page.locator('.cw-checklist').getAttribute('aria-live');
  check('the checklist itself is no live region; its announcer says only what changed',
    listLive === null && first === 'A lower-case letter (done)' && unchanged === first
      && upper === 'A number (done)', JSON.stringify({ listLive, first, unchanged, upper }));
  await w.button('Create account').click();
  await settle(page);
  const weak = await fieldState(w, 'Password');
  check('a password that breaks the rules is marked invalid with the reason',
    weak.invalid === 'true' && weak.message.startsWith('This password does not meet the rules'), JSON.stringify(weak));
  check('focus moved to the password field', (await focused(page)) === 'Password', await focused(page));
  await audit('sign-up with a password that breaks the rules');

  await w.field('Password').fill(password);
  await w.field('Confirm password').fill(password);
  await w.field('Given name').fill('Grace');
  await w.field('Family name').fill('Hopper');
  await w.button('Create account').click();
  await w.heading('Confirm your account').waitFor();
  await audit('the code form');

  await w.field('Code').fill('000000');
  await w.button('Confirm').click();
  await page.getByText('That code is not right', { exact: false }).waitFor();
  await settle(page);
  check('a wrong code is shown at the code field, which takes the focus',
    (await fieldState(w, 'Code')).invalid === 'true' && (await focused(page)) === 'Code', await focused(page));
  await audit('the code form with a wrong code');

  // While the request is in flight the button keeps the focus (a disabled one would drop it).
  await page.route('**/*', async (route) => {
    if (route.request().headers()['x-amz-target']?.endsWith('.ConfirmSignUp')) await new Promise((r) => setTimeout(r, 800));
    await route.fallback();
  });
  await w.field('Code').fill(await api.code(user));
  await w.button('Confirm').click();
  const busy = await page.evaluate(() => ({
    tag: document.activeElement?.tagName,
    busy: document.activeElement?.getAttribute('aria-busy'),
    inCard: !!document.activeElement?.closest('[data-testid=cw-root]'),
  }));
  check('while busy the submit button keeps the focus, in the card', busy.tag === 'BUTTON' && busy.busy === 'true' && busy.inCard,
    JSON.stringify(busy));
  await page.unroute('**/*');
  await w.signedInAs(user);
  await audit('signed in');

  await w.button('Sign out').click();
  await w.heading('Sign in').waitFor();
  await w.field('Email').fill(user);
  await w.field('Password').fill('not the password');
  await w.button('Sign in').click();
  await page.getByText('The username or password is not right.').waitFor();
  await audit('sign-in with a wrong password');

  // An error for a field the form does not have shows in the card's error region.
  await w.button('Forgot your password?').click();
  await w.heading('Reset your password').waitFor();
  await audit('forgot password');
  await w.field('Email').fill(fresh('nobody'));
  await w.button('Send code').click();
  const region = page.getByTestId('cw-error');
  await region.filter({ hasText: /\S/ }).waitFor({ timeout: 5000 }).catch(() => {});
  const text = (await region.textContent()).trim();
  check('"Send code" for an unknown user shows why in the card', text.length > 0, JSON.stringify(text));
  await audit('forgot password for an unknown user');

  await w.field('Email').fill(user);
  await w.button('Send code').click();
  await w.field('Code').waitFor();
  const resend = page.getByRole('button', { name: /^Send a new code/ });
  check('the reset code cannot be sent again at once: a countdown, as for the sign-up code',
    await resend.isDisabled() && /\d/.test(await resend.textContent()), await resend.textContent());
  await w.button('Reset password').click();
  await settle(page);
  check('the reset form submitted empty marks the code and the password',
    (await fieldState(w, 'Code')).invalid === 'true' && (await fieldState(w, 'New password')).invalid === 'true');
  await audit('the reset form submitted empty');
  await page.close();

  // An invited user chooses a password.
  const invited = fresh('invited');
  await api.invitedUser(poolId, invited, 'Temp Pass 42');
  const inv = await browser.newPage();
  const wi = new WidgetPage(inv);
  await inv.goto(appUrl);
  await wi.signIn(invited, 'Temp Pass 42');
  await wi.heading('Choose a new password').waitFor();
  await wi.button('Change password').click();
  await settle(inv);
  check('the new-password form submitted empty marks the password',
    (await fieldState(wi, 'New password')).invalid === 'true');
  await auditor(inv, check)('the new-password form submitted empty');
  await inv.close();

  // Custom attributes get inputs of their schema type: a checkbox, a number with its bounds,
  // a date and time picker (sent as ISO 8601 in UTC). The pool's configuration gains three
  // (seed 001/002's is_admin, employee_id and created_at); the sign-up request is captured.
  const typed = await browser.newPage();
  await typed.route('**/_emulator/pools', async (route) => {
    const pools = await (await route.fetch()).json();
    for (const p of pools.pools) {
      for (const c of p.clients) {
        c.widget_config?.custom_attributes?.push(
          { name: 'custom:is_admin', data_type: 'Boolean' },
          { name: 'custom:employee_id', data_type: 'Number', min: 1, max: 100 },
          { name: 'custom:created_at', data_type: 'DateTime' },
        );
      }
    }
    await route.fulfill({ json: pools });
  });
  let signUpBody;
  await typed.route('**/*', async (route) => {
    if (!route.request().headers()['x-amz-target']?.endsWith('.SignUp')) return route.fallback();
    signUpBody = JSON.parse(route.request().postData());
    return route.abort();
  });
  const wt = new WidgetPage(typed);
  await typed.goto(appUrl);
  await wt.button('Create an account').click();
  await wt.heading('Create an account').waitFor();
  const kinds = await typed.evaluate(() => Object.fromEntries(['is_admin', 'employee_id', 'created_at'].map((n) => {
    const el = document.getElementById(`cw-attr-custom-${n}`);
    return [n, [el?.type, el?.min, el?.max, el?.required]];
  })));
  check('Boolean is a checkbox, Number a number input with its bounds, DateTime a date and time picker; none required',
    JSON.stringify(kinds) === JSON.stringify({
      is_admin: ['checkbox', '', '', false], employee_id: ['number', '1', '100', false], created_at: ['datetime-local', '', '', false],
    }), JSON.stringify(kinds));
  await auditor(typed, check)('sign-up with typed custom attributes');
  const typedUser = fresh('typed');
  await wt.field('Email').fill(typedUser);
  await wt.field('Password').fill(password);
  await wt.field('Confirm password').fill(password);
  await wt.field('Given name').fill('Grace');
  await wt.field('Family name').fill('Hopper');
  await wt.field('Employee id').fill('420');
  await wt.button('Create account').click();
  await settle(typed);
  check('a number out of its bounds is refused at its field before anything is sent',
    (await fieldState(wt, 'Employee id')).invalid === 'true' && signUpBody === undefined);
  await wt.field('Employee id').fill('42');
  await wt.field('Is admin').check();
  await wt.field('Created at').fill('2026-12-02T09:30');
  await wt.button('Create account').click();
  await typed.waitForFunction(() => true);
  for (let i = 0; i < 50 && !signUpBody; i += 1) await typed.waitForTimeout(100);
  const sent = Object.fromEntries((signUpBody?.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
  const expectedTime = await typed.evaluate(() => new Date('2026-12-02T09:30').toISOString());
  check(`the typed values are sent as Cognito takes them (${JSON.stringify(sent)})`,
    sent['custom:is_admin'] === 'true' && sent['custom:employee_id'] === '42'
      && sent['custom:created_at'] === expectedTime);
  await typed.close();

  // German: the same checks on the first steps and an error state.
  const de = await browser.newPage();
  await de.route('**/_emulator/pools', async (route) => {
    const pools = await (await route.fetch()).json();
    for (const p of pools.pools) for (const c of p.clients) if (c.widget_config) c.widget_config.language = 'de';
    await route.fulfill({ json: pools });
  });
  const wd = new WidgetPage(de);
  const auditDe = auditor(de, check);
  await de.goto(appUrl);
  await wd.heading('Anmelden').waitFor();
  check('the German card carries lang="de"', (await de.getByTestId('cw-root').getAttribute('lang')) === 'de');
  await auditDe('sign-in (German)');
  await wd.button('Konto erstellen').click(); // the link
  await wd.heading('Konto erstellen').waitFor();
  await wd.button('Konto erstellen').click(); // the submit
  await settle(de);
  const deEmail = await fieldState(wd, 'E-Mail');
  check('German errors at the fields', deEmail.invalid === 'true' && deEmail.message === 'Bitte ausfüllen.',
    JSON.stringify(deEmail));
  await auditDe('sign-up submitted empty (German)');
  await de.close();
} catch (e) {
  check('the journey ran to its end', false, String(e?.stack ?? e));
} finally {
  await browser.close();
  site.close();
}
finish();
