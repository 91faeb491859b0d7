// The chat is an app-like screen: the list and the thread scroll inside a box as tall as the window
// below whatever sits above it (the header, a banner), so the composer stays in view.
import { useLayoutEffect, useRef } from 'react';

const MIN_HEIGHT = 320;

export function useFillHeight<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const main = document.getElementById('main-content');
    const fit = () => {
      const top = el.getBoundingClientRect().top + window.scrollY;
      const padding = main ? Number.parseFloat(getComputedStyle(main).paddingBottom) || 0 : 0;
      el.style.height = `${Math.max(MIN_HEIGHT, window.innerHeight - top - padding)}px`;
    };
    fit();
    // Something above appearing or going (a banner) moves the box: the container's size says so.
    const observer = new ResizeObserver(fit);
    if (el.parentElement) observer.observe(el.parentElement);
    window.addEventListener('resize', fit);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', fit);
    };
  }, []);
  return ref;
}
