// The notification preview: one line, short, and something to read when there is only a file.
import { describe, expect, it } from 'vitest';
import { previewOf } from './messages.service.ts';

describe('previewOf', () => {
  it('collapses whitespace and cuts long text with an ellipsis', () => {
    expect(previewOf('  see\n\nyou   there ', 0)).toBe('see you there');
    const long = previewOf('word '.repeat(100), 0);
    expect(long).toHaveLength(140);
    expect(long.endsWith('…')).toBe(true);
  });

  it('describes a message that is only attachments', () => {
    expect(previewOf('   ', 1)).toBe('Sent an attachment');
    expect(previewOf('', 3)).toBe('Sent 3 attachments');
  });
});
