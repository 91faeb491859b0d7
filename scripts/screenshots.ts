// npm run screenshots: serves the built web app on a fresh embedded database with the demo data,
// and saves every main page at phone and desktop widths into screenshots/ (not committed).
// SCREENSHOTS_WEB_DIST and SCREENSHOTS_OUT point it at another build and folder (a helper's).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@edumatrix/client';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDemo } from '../apps/server/src/cli/demo-data.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { createPlatform } from '../apps/server/src/platform.ts';
import { launchBrowser } from '../apps/web/e2e/browser.ts';

const OUT = process.env.SCREENSHOTS_OUT ?? 'screenshots';
const dataDir = mkdtempSync(join(tmpdir(), 'edumatrix-shots-'));
// Webhook receivers on this machine. On /ok the second delivery always fails and the fourth needs a
// retry, so the log shows every outcome; anything else always answers 500.
const seen: string[] = [];
const receiver = createServer((req, res) => {
  req.resume();
  const id = String(req.headers['webhook-id']);
  const first = !seen.includes(id);
  if (first && req.url === '/ok') seen.push(id);
  const nth = seen.indexOf(id) + 1;
  const healthy = req.url === '/ok' && nth !== 2 && !(nth === 4 && first);
  req.on('end', () => res.writeHead(healthy ? 200 : 500).end());
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
const platform = await createPlatform({
  config: loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_MAX_ATTEMPTS: '2',
    WEBHOOK_RETRY_BASE_MS: '50',
  }),
  webDistDir: process.env.SCREENSHOTS_WEB_DIST ?? fileURLToPath(new URL('../apps/web/dist', import.meta.url)),
});
await seedDemo(platform);
const address = platform.app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const institutionId = (await platform.database.db.selectFrom('institutions.institutions').select('id').executeTakeFirstOrThrow())
  .id as string;
const webhookId = await seedWebhooks();
await seedStructure();
const studentId = await seedPeople();
await seedTimetable();
await seedAttendance();
await seedAnnouncements();

/** Two endpoints with a few finished deliveries: one healthy receiver, one that answers 500. */
async function seedWebhooks(): Promise<string> {
  const owner = createClient({ baseUrl: base });
  await owner.auth.login({ email: 'owner@demo.edumatrix.local', password: DEMO_PASSWORD });
  const healthy = await owner.webhooks.create(institutionId, {
    url: `${receiverUrl}/ok`,
    description: 'Timetable and roster sync',
    eventTypes: ['institutions.member_joined', 'institutions.member_removed', 'institutions.member_role_changed'],
  });
  const broken = await owner.webhooks.create(institutionId, {
    url: `${receiverUrl}/broken/a-rather-long-path/that-has-to-wrap-on-a-phone?token=0123456789abcdef`,
    description: '',
    eventTypes: ['institutions.member_invited'],
  });
  for (let i = 0; i < 6; i++) await owner.webhooks.ping(institutionId, healthy.id);
  await owner.webhooks.ping(institutionId, broken.id);
  for (const id of [healthy.id, broken.id]) {
    while ((await owner.webhooks.deliveries(institutionId, id, { status: 'pending' })).items.length > 0) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return healthy.id;
}

/** A school year under way with a break between terms, and a few of each unit, one of them archived. */
async function seedStructure() {
  const owner = createClient({ baseUrl: base });
  await owner.auth.login({ email: 'owner@demo.edumatrix.local', password: DEMO_PASSWORD });
  const id = institutionId;
  const members = (await owner.institutions.members(id)).items;
  const teacher = members.find((m) => m.role === 'teacher')?.userId ?? null;
  const admin = members.find((m) => m.role === 'admin')?.userId ?? null;
  const thisYear = new Date().getFullYear();
  const span = (from: number) => `${from}–${String(from + 1).slice(-2)}`;
  const past = await owner.academicYears.create(id, {
    name: span(thisYear - 1),
    startsOn: `${thisYear - 1}-08-17`,
    endsOn: `${thisYear}-06-30`,
    terms: [
      { name: 'Autumn', startsOn: `${thisYear - 1}-08-17`, endsOn: `${thisYear - 1}-12-18` },
      { name: 'Spring', startsOn: `${thisYear}-01-11`, endsOn: `${thisYear}-06-30` },
    ],
  });
  await owner.academicYears.update(id, past.id, { archived: true });
  const year = await owner.academicYears.create(id, {
    name: span(thisYear),
    startsOn: `${thisYear}-08-17`,
    endsOn: `${thisYear + 1}-06-30`,
    current: true,
    terms: [
      { name: 'Autumn', startsOn: `${thisYear}-08-17`, endsOn: `${thisYear}-12-18` },
      { name: 'Spring', startsOn: `${thisYear + 1}-01-11`, endsOn: `${thisYear + 1}-04-02` },
      { name: 'Summer', startsOn: `${thisYear + 1}-04-19`, endsOn: `${thisYear + 1}-06-30` },
    ],
  });
  await owner.academicYears.create(id, { name: span(thisYear + 1), startsOn: `${thisYear + 1}-08-16`, endsOn: `${thisYear + 2}-06-30` });
  const autumn = year.terms[0]?.id ?? null;

  const department = async (name: string, code: string, description = '') =>
    (await owner.structure.create(id, 'departments', { name, code, description })).id;
  const sciences = await department('Sciences', 'SCI', 'Physics, chemistry, biology and mathematics.');
  const languages = await department('Languages', 'LANG');
  const humanities = await department('Humanities', 'HUM');
  await department('Commerce', 'COM');
  const arts = await department('Fine Arts', 'ART', 'Merged into Humanities.');
  await owner.structure.update(id, 'departments', arts, { archived: true });

  const program = async (name: string, code: string, departmentId: string | null) =>
    (await owner.structure.create(id, 'programs', { name, code, departmentId })).id;
  const preMedical = await program('Pre-Medical', 'PRE-MED', sciences);
  const preEngineering = await program('Pre-Engineering', 'PRE-ENG', sciences);
  const generalArts = await program('General Arts', 'GEN-ART', humanities);

  for (const [name, code, departmentId] of [
    ['Physics', 'PHY', sciences],
    ['Chemistry', 'CHEM', sciences],
    ['Biology', 'BIO', sciences],
    ['Mathematics', 'MATH', sciences],
    ['English', 'ENG', languages],
    ['Urdu', 'URD', languages],
    ['Pakistan Studies', 'PST', humanities],
    ['Computer Science', 'CS', null],
  ] as const) {
    await owner.structure.create(id, 'subjects', { name, code, departmentId });
  }

  const klass = (name: string, code: string, programId: string, departmentId: string, extra: Record<string, unknown>) =>
    owner.structure.create(id, 'classes', { name, code, programId, departmentId, academicYearId: year.id, ...extra });
  await klass('Grade 9 – A', 'G9-A', preMedical, sciences, { termId: autumn, homeroomTeacherId: teacher, room: 'B-204', capacity: 32 });
  await klass('Grade 9 – B', 'G9-B', preEngineering, sciences, { termId: autumn, homeroomTeacherId: admin, room: 'B-205', capacity: 30 });
  await klass('Grade 10 – Arts', 'G10-ART', generalArts, humanities, { termId: autumn, room: 'C-101', capacity: 28 });
  await klass('Grade 11 – Pre-Medical (evening)', 'G11-PM-E', preMedical, sciences, {
    description: 'Runs the whole year, in the evening shift.',
    homeroomTeacherId: teacher,
    capacity: 40,
  });
}

/** A week for Grade 9 – A and a few periods of other classes, so teacher and room views fill up too. */
async function seedTimetable() {
  const owner = createClient({ baseUrl: base });
  await owner.auth.login({ email: 'owner@demo.edumatrix.local', password: DEMO_PASSWORD });
  const id = institutionId;
  const members = (await owner.institutions.members(id)).items;
  const teacher = members.find((m) => m.role === 'teacher')?.userId ?? null;
  const admin = members.find((m) => m.role === 'admin')?.userId ?? null;
  const classes = (await owner.structure.list(id, 'classes', { limit: 100 })).items;
  const subjects = (await owner.structure.list(id, 'subjects', { limit: 100 })).items;
  const classId = (code: string) => classes.find((c) => c.code === code)?.id as string;
  const subjectId = (code: string) => subjects.find((s) => s.code === code)?.id ?? null;
  const week: [string, string, string | null, string, number, string, string][] = [
    ['G9-A', 'BIO', teacher, 'B-204', 1, '08:00', '08:45'],
    ['G9-A', 'MATH', admin, 'B-204', 1, '08:50', '09:35'],
    ['G9-A', 'ENG', null, 'B-204', 1, '09:50', '10:35'],
    ['G9-A', 'PHY', teacher, 'Lab 1', 2, '08:00', '09:30'],
    ['G9-A', 'URD', null, 'B-204', 2, '09:50', '10:35'],
    ['G9-A', 'CHEM', admin, 'Lab 2', 3, '08:00', '08:45'],
    ['G9-A', 'MATH', admin, 'B-204', 3, '08:50', '09:35'],
    ['G9-A', 'PST', null, 'B-204', 3, '11:00', '11:45'],
    ['G9-A', 'BIO', teacher, 'Lab 1', 4, '10:00', '11:30'],
    ['G9-A', 'CS', admin, 'Computer lab', 5, '08:00', '08:45'],
    ['G9-A', 'ENG', null, 'B-204', 5, '08:50', '09:35'],
    ['G9-A', 'MATH', admin, 'B-204', 6, '09:00', '10:30'],
    ['G9-B', 'BIO', teacher, 'B-205', 1, '08:50', '09:35'],
    ['G9-B', 'PHY', teacher, 'Lab 1', 3, '09:50', '10:35'],
  ];
  for (const [klass, subject, teacherId, room, weekday, startsAt, endsAt] of week) {
    await owner.timetable.createPeriod(id, {
      classId: classId(klass),
      subjectId: subjectId(subject),
      teacherId,
      room,
      weekday,
      startsAt,
      endsAt,
    });
  }
  await owner.timetable.createFeed(id, { kind: 'class', id: classId('G9-A') });
}

/** Registers for Grade 9 – A over the last two weeks of school days, with a few absences and late days. */
async function seedAttendance() {
  const owner = createClient({ baseUrl: base });
  await owner.auth.login({ email: 'owner@demo.edumatrix.local', password: DEMO_PASSWORD });
  const id = institutionId;
  const classes = (await owner.structure.list(id, 'classes', { limit: 100 })).items;
  const klass = classes.find((c) => c.code === 'G9-A');
  if (!klass) return;
  // The people seeded above sit in other classes; the first six join this one too, so its register has rows.
  const everyone = (await owner.students.list(id, { status: 'active', limit: 100 })).items;
  await owner.students.enrol(
    id,
    klass.id,
    everyone.slice(0, 6).map((s) => s.id),
  );
  const enrolled = (await owner.students.list(id, { classId: klass.id, limit: 100 })).items;
  const statuses = ['absent', 'late', 'excused'] as const;
  const day = new Date();
  for (let back = 14; back >= 0; back--) {
    const date = new Date(day.getTime() - back * 86_400_000);
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    // A student with most absences falls under the threshold; the rest have the odd bad day.
    const marks = enrolled.flatMap((student, i) => {
      const pick = (back + i * 3) % 7;
      if (i === 1 && back % 3 !== 0) return [{ studentId: student.id, status: 'absent' as const }];
      return pick < 3 && i !== 0 ? [{ studentId: student.id, status: statuses[pick] ?? 'absent' }] : [];
    });
    await owner.attendance.take(id, klass.id, date.toISOString().slice(0, 10), { defaultStatus: 'present', marks });
  }
}

/** One announcement to everyone and one to a class, plus one scheduled for next week. */
async function seedAnnouncements() {
  const owner = createClient({ baseUrl: base });
  await owner.auth.login({ email: 'owner@demo.edumatrix.local', password: DEMO_PASSWORD });
  const id = institutionId;
  const classes = (await owner.structure.list(id, 'classes', { limit: 100 })).items;
  const klass = classes.find((c) => c.code === 'G9-A');
  await owner.announcements.create(id, {
    title: 'School closed on Monday for the public holiday',
    body: 'The school is closed on Monday.\nClasses resume on Tuesday at the usual time; the evening shift starts at 15:00.',
    audience: { kind: 'institution' },
  });
  if (klass) {
    await owner.announcements.create(id, {
      title: 'Biology practical: bring your lab coats',
      body: 'Thursday’s biology lesson is in Lab 1.',
      audience: { kind: 'class', id: klass.id },
    });
  }
  await owner.announcements.create(id, {
    title: 'Parent–teacher meetings next week',
    body: 'Book a slot with the school office.',
    audience: { kind: 'institution' },
    publishAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
}

/** A dozen students (one with the demo parent as guardian, several in classes), a few staff, and a checked import. */
async function seedPeople(): Promise<string> {
  const owner = createClient({ baseUrl: base });
  await owner.auth.login({ email: 'owner@demo.edumatrix.local', password: DEMO_PASSWORD });
  const id = institutionId;
  const names = [
    ['Ayesha', 'Khan'],
    ['Bilal', 'Ahmed'],
    ['Chen', 'Wei'],
    ['Dania', 'Qureshi-Montgomery-Fairweather'],
    ['Ehsan', 'Malik'],
    ['Fatima', 'Raza'],
    ['Gul', 'Bano'],
    ['Hamza', 'Siddiqui'],
    ['Iqra', 'Javed'],
    ['Junaid', 'Hassan'],
    ['Kiran', 'Shah'],
    ['Laila', 'Noor'],
  ];
  const students = [];
  for (const [i, [firstName = '', lastName = '']] of names.entries()) {
    students.push(
      await owner.students.create(id, {
        studentNumber: `S-2026-${String(i + 1).padStart(3, '0')}`,
        firstName,
        lastName,
        dateOfBirth: `2011-0${(i % 9) + 1}-1${i % 10}`,
        email: i % 3 === 0 ? `${firstName.toLowerCase()}@students.example.com` : null,
        status: i === 10 ? 'withdrawn' : i === 11 ? 'graduated' : 'active',
      }),
    );
  }
  const first = students[0];
  if (!first) throw new Error('no students seeded');
  const classes = (await owner.structure.list(id, 'classes')).items;
  for (const klass of classes.slice(0, 2))
    await owner.students.enrol(
      id,
      klass.id,
      students.slice(0, 6).map((s) => s.id),
    );
  const parent = (await owner.institutions.members(id)).items.find((m) => m.role === 'parent');
  if (parent) await owner.students.linkGuardian(id, first.id, parent.userId, { relationship: 'mother' });
  const departments = (await owner.structure.list(id, 'departments')).items;
  const staff = [
    ['Tariq', 'Mahmood', 'teacher', 'Physics teacher'],
    ['Sana', 'Iqbal', 'teacher', 'Head of Languages'],
    ['Rashid', 'Latif', 'staff', 'Accounts officer'],
    ['Nadia', 'Hussain', 'staff', 'Librarian'],
  ] as const;
  for (const [i, [firstName, lastName, kind, title]] of staff.entries()) {
    await owner.staff.create(id, {
      staffNumber: `T-${String(i + 1).padStart(3, '0')}`,
      firstName,
      lastName,
      kind,
      title,
      email: `${firstName.toLowerCase()}@demo.example.com`,
      departmentId: departments[i % 2]?.id ?? null,
    });
  }
  const job = await owner.imports.create(id, {
    format: 'students',
    mode: 'dry_run',
    files: { 'students.csv': 'student_number,first_name,last_name\nS-2026-001,Ayesha,Khan\nS-2026-900,,Nobody\n' },
  });
  while (['queued', 'running'].includes((await owner.imports.get(id, job.id)).status)) await new Promise((r) => setTimeout(r, 100));
  return first.id;
}

const signedOut = ['/', '/signin', '/signup', '/forgot-password'];
const signedIn = [
  '/',
  '/profile',
  '/sessions',
  '/institutions/new',
  `/institutions/${institutionId}`,
  `/institutions/${institutionId}/members`,
  `/institutions/${institutionId}/audit`,
  `/institutions/${institutionId}/webhooks`,
  `/institutions/${institutionId}/webhooks/${webhookId}`,
  `/institutions/${institutionId}/structure`,
  `/institutions/${institutionId}/structure/academic-years`,
  `/institutions/${institutionId}/structure/departments`,
  `/institutions/${institutionId}/structure/programs`,
  `/institutions/${institutionId}/structure/subjects`,
  `/institutions/${institutionId}/structure/classes`,
  `/institutions/${institutionId}/people/students`,
  `/institutions/${institutionId}/people/students/${studentId}`,
  `/institutions/${institutionId}/people/staff`,
  `/institutions/${institutionId}/people/import`,
  `/institutions/${institutionId}/timetable`,
  `/institutions/${institutionId}/attendance`,
  `/institutions/${institutionId}/attendance?view=report`,
  `/institutions/${institutionId}/announcements`,
];

/** Dialogs worth a look, opened on their page: `name` is added to the page's file name. */
const structure = `/institutions/${institutionId}/structure`;
const dialogs: { path: string; name: string; open: (page: Page) => Promise<void> }[] = [
  {
    path: `/institutions/${institutionId}/people/students`,
    name: 'new',
    open: (page) => page.getByRole('button', { name: 'Add student' }).click(),
  },
  {
    path: `/institutions/${institutionId}/people/staff`,
    name: 'new',
    open: (page) => page.getByRole('button', { name: 'Add staff member' }).click(),
  },
  {
    path: `/institutions/${institutionId}/timetable`,
    name: 'new',
    open: (page) => page.getByRole('button', { name: 'Add period' }).click(),
  },
  {
    path: `/institutions/${institutionId}/announcements`,
    name: 'new',
    open: (page) => page.getByRole('button', { name: 'New announcement' }).click(),
  },
  { path: `${structure}/classes`, name: 'new', open: (page) => page.getByRole('button', { name: 'New class' }).click() },
  {
    path: `${structure}/academic-years`,
    name: 'new',
    open: async (page) => {
      await page.getByRole('button', { name: 'New academic year' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Add a term' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Add a term' }).click();
    },
  },
  {
    path: `${structure}/departments`,
    name: 'in-use',
    open: async (page) => {
      await page.getByRole('button', { name: 'More actions for Sciences' }).click();
      await page.getByRole('menuitem', { name: 'Delete' }).click();
      await page.getByRole('button', { name: 'Delete department' }).click();
      await page.getByRole('button', { name: 'Archive instead' }).waitFor();
    },
  },
];

mkdirSync(OUT, { recursive: true });
const browser = await launchBrowser();
try {
  for (const [device, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 800 }],
  ] as const) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const name = (path: string, prefix: string) =>
      `${OUT}/${device}-${prefix}${
        path === '/'
          ? '_home'
          : path
              .replace(/\/[0-9a-f-]{36}/, '')
              .replace(/[0-9a-f-]{36}/g, 'detail')
              .replaceAll('/', '_')
              .replace(/[?=]/g, '_')
      }.png`;
    for (const path of signedOut) {
      await page.goto(base + path);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: name(path, 'out'), fullPage: true });
    }
    await page.goto(`${base}/signin`);
    await page.getByLabel('Email').fill('owner@demo.edumatrix.local');
    await page.getByLabel('Password').first().fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
    for (const path of signedIn) {
      await page.goto(base + path);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: name(path, 'in'), fullPage: true });
    }
    for (const dialog of dialogs) {
      await page.goto(base + dialog.path);
      await page.waitForLoadState('networkidle');
      await dialog.open(page);
      await page.getByRole('dialog').waitFor();
      // Past the dialog's opening transition.
      await page.waitForTimeout(400);
      await page.screenshot({ path: name(dialog.path, 'in').replace(/\.png$/, `_${dialog.name}.png`), fullPage: true });
    }
    await context.close();
  }
  console.log(`screenshots saved in ${OUT}/`);
} finally {
  await browser.close();
  await platform.close();
  receiver.close();
  rmSync(dataDir, { recursive: true, force: true });
}
