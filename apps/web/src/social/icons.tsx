// The feed's nav glyph, drawn with the shell's LineIcon.
import type { SVGProps } from 'react';
import { LineIcon } from '../shell/icons.tsx';

export const FeedIcon = (p: SVGProps<SVGSVGElement>) => (
  <LineIcon {...p}>
    <path d="M4 5h16v5H4zM4 14h7v5H4zM14 14h6M14 17.5h6" />
  </LineIcon>
);
