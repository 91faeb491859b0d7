import { Stack } from '@mantine/core';
import { NavLink, Outlet } from 'react-router';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import classes from './StructureNav.module.css';

/** The structure tab's own sections; each has an address, so a link or reload lands on the same list. */
export function StructureLayout() {
  const institution = useInstitutionContext();
  const base = `/institutions/${institution.id}/structure`;
  const sections = [
    { to: base, label: 'Summary', end: true },
    { to: `${base}/academic-years`, label: 'Academic years' },
    { to: `${base}/departments`, label: 'Departments' },
    { to: `${base}/programs`, label: 'Programs' },
    { to: `${base}/subjects`, label: 'Subjects' },
    { to: `${base}/classes`, label: 'Classes' },
  ];
  return (
    <Stack gap="lg">
      <nav aria-label="Structure sections" className={classes.nav}>
        {sections.map((section) => (
          <NavLink key={section.to} to={section.to} end={section.end} className={classes.link}>
            {section.label}
          </NavLink>
        ))}
      </nav>
      {/* Pages below read the institution the same way as the institution's other pages. */}
      <Outlet context={institution} />
    </Stack>
  );
}
