// The feed's nav glyph, drawn like the shell's line icons (shell/icons.tsx), kept here so the social
// module does not edit that shared file.
import type { SVGProps } from 'react';

export const FeedIcon = (p: SVGProps<SVGSVGElement>) => (
  <svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 24 24"
    width="1em"
    height="1em"
    fill="none"
    stroke="currentColor"
    strokeWidth={1.8}
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
    {...p}
  >
    <path d="M4 5h16v5H4zM4 14h7v5H4zM14 14h6M14 17.5h6" />
  </svg>
);
