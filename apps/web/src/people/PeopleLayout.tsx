import { Stack } from '@mantine/core';
import { NavLink, Outlet } from 'react-router';
import { canManage } from '../institutions/options.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
// The same pills as the structure tab's sections, so the two tabs read alike.
import classes from '../structure/StructureNav.module.css';
import { seesEveryone } from './labels.ts';

/** The people tab's sections. Students and parents have one view (their own records), so no sections. */
export function PeopleLayout() {
  const institution = useInstitutionContext();
  const base = `/institutions/${institution.id}/people`;
  const sections = seesEveryone(institution.myRole)
    ? [
        { to: `${base}/students`, label: 'Students' },
        { to: `${base}/staff`, label: 'Staff' },
        ...(canManage(institution.myRole) ? [{ to: `${base}/import`, label: 'Import' }] : []),
      ]
    : [];
  return (
    <Stack gap="lg">
      {sections.length > 0 && (
        <nav aria-label="People sections" className={classes.nav}>
          {sections.map((section) => (
            <NavLink key={section.to} to={section.to} className={classes.link}>
              {section.label}
            </NavLink>
          ))}
        </nav>
      )}
      <Outlet context={institution} />
    </Stack>
  );
}
