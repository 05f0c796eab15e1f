// Plays the manager's browser on the simulator's consent page: open it, press Accept (or Reject),
// and follow the redirect back to the app's loopback listener (`rewrite` may change it first, as a
// redirect from another data centre, or a tampered one, would).

export async function answerConsent(authUrl: string, decision: 'accept' | 'reject', rewrite?: (redirect: URL) => void): Promise<Response> {
  const page = await fetch(authUrl);
  if (!page.ok) throw new Error(`consent page answered ${page.status}`);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    form.set(decodeHtml(match[1] ?? ''), decodeHtml(match[2] ?? ''));
  }
  form.set('decision', decision);
  const decided = await fetch(new URL('/oauth/v2/org/auth', authUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  const location = decided.headers.get('location');
  if (!location) throw new Error(`consent decision answered ${decided.status} without a redirect`);
  const redirect = new URL(location);
  rewrite?.(redirect);
  return fetch(redirect);
}

function decodeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
