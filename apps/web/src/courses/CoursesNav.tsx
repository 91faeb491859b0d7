import { SectionTabs } from '../ui/SectionTabs.tsx';

/** The views of the Courses tab, each with its own address. */
export function CoursesNav({ institutionId }: { institutionId: string }) {
  const base = `/institutions/${institutionId}/courses`;
  return (
    <SectionTabs
      label="Course views"
      sections={[
        { to: base, label: 'All courses', end: true },
        { to: `${base}/learning-path`, label: 'Learning path' },
        { to: `${base}/achievements`, label: 'Progress & badges' },
      ]}
    />
  );
}
