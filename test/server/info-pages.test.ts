import { startHarness, type Harness } from '../support/bot-under-test';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ RETENTION_DAYS: '14' });
});
afterAll(async () => {
  await h.close();
});

/** The Teams app manifest links to these pages; an admin and a participant must be able to open them. */
it.each([
  ['/privacy', ['Privacyverklaring', '14 dagen', 'wis', 'AVG']],
  ['/gebruiksvoorwaarden', ['Gebruiksvoorwaarden', 'Gespreksmodel Sociale Basis']],
])('serves %s in Dutch', async (path, phrases) => {
  const res = await fetch(h.botUrl.replace('/api/messages', path));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  const html = await res.text();
  for (const phrase of phrases) expect(html).toContain(phrase);
});
