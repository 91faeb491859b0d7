import classes from './SkipLink.module.css';

/** Lets keyboard users jump past the header and navigation on every page. */
export function SkipLink() {
  return (
    <a href="#main-content" className={classes.skip}>
      Skip to main content
    </a>
  );
}
