// The consent screen, modelled on Zoho Accounts' organisation consent page.
import { escapeHtml } from '../http/html';
import type { ConsentRequest } from './consent-request';
import { describeScope } from './scopes';

const STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.5 "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2430; background: #f3f5f8; }
  header { background: #fff; border-bottom: 1px solid #e3e6eb; padding: 14px 28px; display: flex; align-items: center; gap: 10px; }
  .logo { display: flex; gap: 2px; font-weight: 800; letter-spacing: 1px; }
  .logo span { color: #fff; padding: 2px 6px; border-radius: 3px; }
  .z { background: #e42527; } .o1 { background: #089949; } .h { background: #226db4; } .o2 { background: #f9b21d; }
  .product { font-weight: 600; color: #505868; }
  main { max-width: 560px; margin: 40px auto; padding: 0 16px; }
  .card { background: #fff; border: 1px solid #e3e6eb; border-radius: 8px; padding: 28px 32px; box-shadow: 0 2px 8px rgba(20, 30, 50, .06); }
  h1 { font-size: 20px; margin: 0 0 6px; }
  .muted { color: #5f6776; margin: 0 0 18px; }
  .org { background: #f5f8fc; border: 1px solid #dde6f2; border-radius: 6px; padding: 10px 14px; margin-bottom: 18px; }
  ul { list-style: none; padding: 0; margin: 0 0 20px; }
  li { padding: 10px 0 10px 30px; border-bottom: 1px solid #eef0f3; position: relative; }
  li::before { content: "\\2713"; position: absolute; left: 4px; color: #089949; font-weight: 700; }
  code { font-size: 12px; color: #6b7280; display: block; }
  .note { font-size: 13px; color: #5f6776; }
  .actions { display: flex; justify-content: flex-end; gap: 12px; margin-top: 24px; }
  button { font: inherit; font-weight: 600; border-radius: 6px; padding: 10px 26px; cursor: pointer; }
  .reject { background: #fff; border: 1px solid #c4c9d2; color: #394150; }
  .accept { background: #226db4; border: 1px solid #226db4; color: #fff; }
  button:focus-visible { outline: 3px solid #f9b21d; outline-offset: 2px; }
`;

function shell(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<header>
  <div class="logo" aria-label="Zoho"><span class="z">Z</span><span class="o1">O</span><span class="h">H</span><span class="o2">O</span></div>
  <span class="product">Accounts</span>
</header>
<main>${content}</main>
</body>
</html>`;
}

export function consentPage(request: ConsentRequest, accountId: string): string {
  const hidden = [...request.params]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const scopes = request.scopes
    .map((scope) => `<li>${escapeHtml(describeScope(scope))}<code>${escapeHtml(scope)}</code></li>`)
    .join('');
  const appName = escapeHtml(request.client.name);
  return shell(
    `${request.client.name} would like to access Zoho Payments`,
    `<div class="card">
  <h1><strong>${appName}</strong> would like to access the following data</h1>
  <p class="muted">in your organisation's Zoho Payments account</p>
  <div class="org">Zoho Payments organisation <strong>${escapeHtml(accountId)}</strong></div>
  <ul>${scopes}</ul>
  <p class="note">Only the account owner or an admin can grant this.
    ${appName} keeps access until you revoke it${request.offline ? '' : ' or the session ends'}.</p>
  <form method="post" action="/oauth/v2/org/auth">
    ${hidden}
    <div class="actions">
      <button class="reject" type="submit" name="decision" value="reject">Reject</button>
      <button class="accept" type="submit" name="decision" value="accept">Accept</button>
    </div>
  </form>
</div>`,
  );
}

export function consentErrorPage(title: string, detail: string): string {
  return shell(title, `<div class="card" role="alert"><h1>${escapeHtml(title)}</h1><p class="muted">${escapeHtml(detail)}</p></div>`);
}
