// Code loaded on demand (src/split.rs) in the release app: the chunk with sign-up, its code, a
// new password and a password reset is fetched only when one of those steps first shows. Checks
// that the first screen does without it; that a chunk the server will not give (a 404, as after
// a botched deploy) or the network loses gets the plain network message and a way back, not a
// blank card; that the next try fetches it and sign-up works; and that a step reached after a
// request (the code form after sign-up) shows at once, its chunk loaded with the answer. And
// sign-in's SRP chunk: fetched once the first screen shows, which does not wait for it; a
// sign-in without it gets the network message, and the next try signs in.
// Needs COGNITO_EMULATOR (scripts/with-emulator) and dist/app (trunk build --release).
import { serveDist } from './serve-dist.mjs';
import { addresses, checks, launch } from './session-support.mjs';
import { WidgetPage } from './widget-page.mjs';
import { EmulatorApi } from './emulator-api.mjs';

const emulator = process.env.COGNITO_EMULATOR;
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
const site = await serveDist();
const app = `${site.url}?emulator=${encodeURIComponent(emulator)}&pool=my-user-pool`;
const NETWORK = 'We could not reach the sign-in service. Check your connection and try again.';
const chunk = /\/split_[a-z]+(-[0-9a-f]{16})?\.wasm$/;
const srp = /\/split_srp(-[0-9a-f]{16})?\.wasm$/;
const fresh = addresses('chunks');
const { check, finish } = checks();
const browser = await launch();
try {
  const page = await browser.newPage();
  const chunksFetched = [];
  page.on('request', (r) => {
    if (chunk.test(new URL(r.url()).pathname)) chunksFetched.push(new URL(r.url()).pathname);
  });
  let refuse = 'not found';
  // Sign-in's SRP chunk is held until the first screen has shown: it must not wait for it.
  let releaseSrp;
  const srpHeld = new Promise((r) => { releaseSrp = r; });
  await page.route(chunk, async (route) => {
    if (srp.test(new URL(route.request().url()).pathname)) {
      await srpHeld;
      return route.continue();
    }
    if (refuse === 'not found') return route.fulfill({ status: 404, body: 'not found' });
    if (refuse === 'lost') return route.abort('internetdisconnected');
    return route.continue();
  });
  const w = new WidgetPage(page);
  await page.goto(app);
  await w.heading('Sign in').waitFor();
  const atFirst = [...chunksFetched];
  check('the first screen shows while only sign-in\'s SRP chunk is on its way (fetched once the screen shows)',
    atFirst.length === 1 && srp.test(atFirst[0]), atFirst.join());
  releaseSrp();

  for (const why of ['not found', 'lost']) {
    refuse = why;
    await w.button('Create an account').click();
    await page.getByText(NETWORK).waitFor();
    const back = page.getByRole('button', { name: 'Back to sign in', exact: true });
    check(`a chunk ${why}: the plain network message and the way back`, await back.isVisible());
    check(`a chunk ${why}: no "Loading…" left`, !(await page.getByText('Loading…').isVisible()));
    await back.click();
    await w.heading('Sign in').waitFor();
  }

  refuse = null;
  await w.button('Create an account').click();
  await w.heading('Create an account').waitFor();
  const rareFetched = chunksFetched.filter((c) => !srp.test(c));
  check('the next try fetches the chunk and shows sign-up', rareFetched.length === 3, rareFetched.join());
  const email = fresh('up');
  const typed = {
    Email: email, Password: 'chunky Pass 42', 'Confirm password': 'chunky Pass 42', 'Given name': 'Ada', 'Family name': 'Lovelace',
  };
  for (const [label, value] of Object.entries(typed)) await w.field(label).fill(value);
  await w.button('Create account').click();
  await w.heading('Confirm your account').waitFor();
  check('the code form after sign-up shows (its chunk already there)', await w.field('Code').isVisible());

  // Sign-in when its SRP chunk cannot be had: the plain network message; the next try works.
  const api = new EmulatorApi(emulator);
  const { clientId } = await api.client('my-user-pool');
  const user = fresh('in');
  await api.confirmedUser(clientId, user, 'chunky Pass 42');
  const offline = await browser.newPage();
  let srpRefused = true;
  await offline.route(srp, (route) => (srpRefused ? route.fulfill({ status: 404, body: 'not found' }) : route.continue()));
  const wo = new WidgetPage(offline);
  await offline.goto(app);
  await wo.signIn(user, 'chunky Pass 42');
  await offline.getByText(NETWORK).waitFor();
  check('sign-in without its SRP chunk says the network failed, and keeps what was typed',
    (await wo.field('Email').inputValue()) === user);
  srpRefused = false;
  await wo.button('Sign in').click();
  await offline.getByTestId('cw-who').filter({ hasText: user }).waitFor();
  check('the next try fetches the SRP chunk and signs in', true);
} finally {
  await browser.close();
  site.close();
}
finish();
