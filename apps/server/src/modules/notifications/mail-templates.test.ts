import { describe, expect, it } from 'vitest';
import { absoluteLink, digestMail, escapeHtml, notificationMail } from './mail-templates.ts';

const urls = {
  publicUrl: 'https://edu.example',
  settingsUrl: 'https://edu.example/notifications/settings',
  inboxUrl: 'https://edu.example/notifications',
};

describe('notification e-mail templates', () => {
  it('escapes what people wrote: no raw HTML reaches the HTML part', () => {
    expect(escapeHtml(`<img src=x onerror="alert('x')"> & co`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; co');
    const mail = notificationMail(
      { title: 'Hi <b>there</b>', body: '<script>alert(1)</script>\nline two', link: '/courses/1', createdAt: new Date() },
      urls,
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>there</b>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;<br>line two');
    expect(mail.html).toContain('href="https://edu.example/courses/1"');
    expect(mail.text).toContain('<script>alert(1)</script>');
    expect(mail.subject).toBe('Hi <b>there</b>');
  });

  it('every e-mail links to the notification settings', () => {
    const one = notificationMail({ title: 'T', body: '', link: null, createdAt: new Date() }, urls);
    const digest = digestMail([{ title: 'A', body: 'b', link: '/x', createdAt: new Date() }], 'daily', urls);
    for (const m of [one, digest]) {
      expect(m.text).toContain(urls.settingsUrl);
      expect(m.html).toContain(`href="${urls.settingsUrl}"`);
    }
    expect(digest.subject).toBe('Your daily summary: 1 unread notification');
  });

  it('only links inside the platform are turned into links', () => {
    expect(absoluteLink('https://edu.example/', '/a?b=1')).toBe('https://edu.example/a?b=1');
    expect(absoluteLink('https://edu.example', '//evil.example/x')).toBeNull();
    expect(absoluteLink('https://edu.example', 'javascript:alert(1)')).toBeNull();
    expect(absoluteLink('https://edu.example', null)).toBeNull();
  });

  it('a subject is one line', () => {
    expect(notificationMail({ title: 'a\r\nBcc: x@y', body: '', link: null, createdAt: new Date() }, urls).subject).toBe('a Bcc: x@y');
  });
});
