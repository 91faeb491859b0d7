// The e-mails notifications send: one notification, and the digest. Each has an HTML and a text
// part. Every value that comes from people (titles, bodies, names) goes through `escapeHtml`; the
// HTML is built only from this file's fixed markup, never from user-supplied HTML.

export type MailContent = { subject: string; text: string; html: string };
export type MailItem = { title: string; body: string; link: string | null; createdAt: Date };

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML element content and quoted attribute values. */
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);

/** A link inside the platform: relative links get the public origin; anything else is dropped. */
export function absoluteLink(publicUrl: string, link: string | null): string | null {
  if (!link) return null;
  if (link.startsWith('/') && !link.startsWith('//')) return publicUrl.replace(/\/$/, '') + link;
  return null;
}

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 12px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

function layout(heading: string, inner: string, settingsUrl: string): string {
  return [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1a1b1e;max-width:560px;margin:0 auto;padding:16px">',
    `<h1 style="font-size:18px">${escapeHtml(heading)}</h1>`,
    inner,
    '<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 12px">',
    `<p style="font-size:12px;color:#666">EDU Matrix Interlinked. <a href="${escapeHtml(settingsUrl)}">Choose which e-mails you get</a>.</p>`,
    '</body></html>',
  ].join('');
}

const footerText = (settingsUrl: string) => `\n\n-- \nEDU Matrix Interlinked. Choose which e-mails you get: ${settingsUrl}\n`;

export function notificationMail(item: MailItem, urls: { publicUrl: string; settingsUrl: string }): MailContent {
  const link = absoluteLink(urls.publicUrl, item.link);
  const text = [item.title, item.body, link ? `Open: ${link}` : ''].filter(Boolean).join('\n\n') + footerText(urls.settingsUrl);
  const inner = [
    item.body ? paragraphs(item.body) : '',
    link ? `<p><a href="${escapeHtml(link)}" style="color:#1c7ed6">Open in EDU Matrix</a></p>` : '',
  ].join('');
  return { subject: item.title.replace(/\s+/g, ' '), text, html: layout(item.title, inner, urls.settingsUrl) };
}

export function digestMail(
  items: MailItem[],
  period: 'daily' | 'weekly',
  urls: { publicUrl: string; settingsUrl: string; inboxUrl: string },
): MailContent {
  const subject = `Your ${period} summary: ${items.length} unread notification${items.length === 1 ? '' : 's'}`;
  const lines = items.map((i) => {
    const link = absoluteLink(urls.publicUrl, i.link);
    return `- ${i.title}${i.body ? `\n  ${i.body.split('\n')[0]}` : ''}${link ? `\n  ${link}` : ''}`;
  });
  const text = `${subject}\n\n${lines.join('\n')}\n\nAll notifications: ${urls.inboxUrl}${footerText(urls.settingsUrl)}`;
  const list = items
    .map((i) => {
      const link = absoluteLink(urls.publicUrl, i.link);
      const title = link ? `<a href="${escapeHtml(link)}" style="color:#1c7ed6">${escapeHtml(i.title)}</a>` : escapeHtml(i.title);
      const body = i.body ? `<br><span style="color:#555">${escapeHtml(i.body.split('\n')[0] ?? '')}</span>` : '';
      return `<li style="margin-bottom:8px">${title}${body}</li>`;
    })
    .join('');
  const inner = `<ul style="padding-left:18px">${list}</ul><p><a href="${escapeHtml(urls.inboxUrl)}">All notifications</a></p>`;
  return { subject, text, html: layout(subject, inner, urls.settingsUrl) };
}
