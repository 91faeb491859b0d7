import { NavLink } from 'react-router';
import classes from './SectionTabs.module.css';

type Section = { to: string; label: string; end?: boolean };

/** Looks like tabs, behaves like links: each section has its own address. */
export function SectionTabs({ label, sections }: { label: string; sections: Section[] }) {
  return (
    <nav aria-label={label} className={classes.nav}>
      {sections.map((section) => (
        <NavLink key={section.to} to={section.to} end={section.end} className={classes.link}>
          {section.label}
        </NavLink>
      ))}
    </nav>
  );
}
