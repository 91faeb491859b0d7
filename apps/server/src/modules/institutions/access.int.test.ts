// Table-driven: every role against every institution route, every signed-in route without a token,
// and a member of institution A against every route aimed at institution B.
import { type ApiClient, ApiError } from '@edumatrix/client';
import type { CreateAssignmentBody, InstitutionRole } from '@edumatrix/contracts';
import { Jimp } from 'jimp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleHas } from '../../platform/auth/permissions.ts';
import { addMember, createInstitution, signedUpClient, waitFor } from '../../testing/factories.ts';
import { dbLabel, newEmail, startTestPlatform, type TestPlatform, unique } from '../../testing/test-platform.ts';

type Request = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; body?: unknown };
type Target = { institutionId: string; owner: ApiClient };
/** `caller` is who will send it, for routes where what one may touch is one's own (calendar feeds). */
type Sample = (t: TestPlatform, target: Target, caller?: ApiClient) => Promise<Request>;

const base = (id: string) => `/api/v1/institutions/${id}`;

async function freshMember(t: TestPlatform, target: Target) {
  return (await addMember(t, target.owner, target.institutionId, 'student')).id;
}
async function freshInvitation(target: Target) {
  return (await target.owner.institutions.invite(target.institutionId, { email: newEmail(), role: 'student' })).id;
}

// Nothing listens on the discard port: deliveries fail at once (one attempt each, see the env below).
const RECEIVER = 'http://127.0.0.1:9/hook';
async function freshWebhook(target: Target) {
  return (await target.owner.webhooks.create(target.institutionId, { url: RECEIVER, eventTypes: ['institutions.member_joined'] })).id;
}
/** One webhook per institution with one finished delivery, shared by the samples that only read or resend. */
const shared = new Map<string, Promise<{ webhookId: string; deliveryId: string }>>();
function sharedWebhook(target: Target) {
  let entry = shared.get(target.institutionId);
  if (!entry) {
    entry = (async () => {
      const webhookId = await freshWebhook(target);
      return { webhookId, deliveryId: (await target.owner.webhooks.ping(target.institutionId, webhookId)).id };
    })();
    shared.set(target.institutionId, entry);
  }
  return entry;
}
async function finishedDelivery(target: Target) {
  const s = await sharedWebhook(target);
  await waitFor('the delivery to finish', async () => {
    return (await target.owner.webhooks.delivery(target.institutionId, s.webhookId, s.deliveryId)).status !== 'pending';
  });
  return `${base(target.institutionId)}/webhooks/${s.webhookId}/deliveries/${s.deliveryId}`;
}
const webhookPath = async (target: Target) => `${base(target.institutionId)}/webhooks/${(await sharedWebhook(target)).webhookId}`;

const STRUCTURE: [kind: 'departments' | 'programs' | 'subjects' | 'classes', param: string][] = [
  ['departments', 'departmentId'],
  ['programs', 'programId'],
  ['subjects', 'subjectId'],
  ['classes', 'classId'],
];
const freshUnit = async (target: Target, kind: (typeof STRUCTURE)[number][0]) =>
  (await target.owner.structure.create(target.institutionId, kind, { name: unique('Unit '), code: unique('U') })).id;
/** A new academic year with one term, so every sample that changes or deletes one has its own. */
async function freshYear(target: Target) {
  return target.owner.academicYears.create(target.institutionId, {
    name: unique('Year '),
    startsOn: '2026-09-01',
    endsOn: '2027-06-30',
    terms: [{ name: 'Autumn', startsOn: '2026-09-01', endsOn: '2026-12-18' }],
  });
}
/** The members of the main institution by role: row-level rules (a student's own record) need them. */
const memberIds = new Map<string, Map<InstitutionRole, string>>();
const freshStudent = async (target: Target) =>
  (await target.owner.students.create(target.institutionId, { studentNumber: unique('S'), firstName: 'Test', lastName: 'Student' })).id;
/** One student per institution whom its student member is, and its parent member parents: visible to every role. */
const sharedStudents = new Map<string, Promise<string>>();
function visibleStudent(target: Target) {
  let entry = sharedStudents.get(target.institutionId);
  if (!entry) {
    entry = (async () => {
      const ids = memberIds.get(target.institutionId);
      const student = await target.owner.students.create(target.institutionId, {
        studentNumber: unique('V'),
        firstName: 'Visible',
        lastName: 'Student',
        userId: ids?.get('student') ?? null,
      });
      const parent = ids?.get('parent');
      if (parent) await target.owner.students.linkGuardian(target.institutionId, student.id, parent);
      return student.id;
    })();
    sharedStudents.set(target.institutionId, entry);
  }
  return entry;
}
async function parentOf(t: TestPlatform, target: Target) {
  return memberIds.get(target.institutionId)?.get('parent') ?? (await addMember(t, target.owner, target.institutionId, 'parent')).id;
}
const freshClass = async (target: Target) =>
  (await target.owner.structure.create(target.institutionId, 'classes', { name: unique('C '), code: unique('C') })).id;
const freshStaff = async (target: Target) =>
  (await target.owner.staff.create(target.institutionId, { staffNumber: unique('T'), firstName: 'Test', lastName: 'Staff', kind: 'staff' }))
    .id;
/** A class whose homeroom teacher is the institution's teacher member (teachers act on their own classes). */
const teachersClass = async (target: Target) =>
  (
    await target.owner.structure.create(target.institutionId, 'classes', {
      name: unique('C '),
      code: unique('C'),
      homeroomTeacherId: memberIds.get(target.institutionId)?.get('teacher') ?? null,
    })
  ).id;
const freshPeriod = async (target: Target) =>
  (
    await target.owner.timetable.createPeriod(target.institutionId, {
      classId: await freshClass(target),
      weekday: 2,
      startsAt: '10:00',
      endsAt: '10:45',
    })
  ).id;
/** An assessment of a class the teacher member teaches, with a student enrolled: what every grades sample needs. */
async function gradedClass(target: Target, studentId?: string) {
  const classId = await teachersClass(target);
  const termId = (await freshYear(target)).terms[0]?.id as string;
  const subjectId = await freshUnit(target, 'subjects');
  const student = studentId ?? (await freshStudent(target));
  await target.owner.students.enrol(target.institutionId, classId, [student]);
  const assessment = await target.owner.grades.createAssessment(target.institutionId, classId, {
    subjectId,
    termId,
    title: 'Test',
    maxPoints: 10,
  });
  return { classId, termId, subjectId, studentId: student, assessmentId: assessment.id };
}
/**
 * A published course with a module and a published lesson, made by `caller` where they may make
 * one (so a teacher edits their own course) and else by the owner; returned with its maker.
 */
async function ownCourse(target: Target, caller?: ApiClient, status: 'draft' | 'published' = 'published') {
  const body = { title: unique('Course ') };
  let maker = caller ?? target.owner;
  const course = await maker.courses.create(target.institutionId, body).catch(() => {
    maker = target.owner;
    return target.owner.courses.create(target.institutionId, body);
  });
  const mod = await maker.courses.addModule(target.institutionId, course.id, { title: 'Module' });
  const lesson = await maker.courses.addLesson(target.institutionId, course.id, mod.id, { title: 'Lesson', published: true });
  if (status === 'published') await maker.courses.update(target.institutionId, course.id, { status: 'published' });
  return { maker, courseId: course.id, moduleId: mod.id, lessonId: lesson.id, path: `${base(target.institutionId)}/courses/${course.id}` };
}
const TRUE_FALSE = { type: 'true_false' as const, prompt: 'The sky is blue.', answer: true };
/** Per institution, a student who takes quizzes: its student member, or one made for the purpose. */
const learners = new Map<string, Promise<{ id: string; client: ApiClient }>>();
function learnerOf(t: TestPlatform, target: Target) {
  let entry = learners.get(target.institutionId);
  if (!entry) {
    entry = addMember(t, target.owner, target.institutionId, 'student');
    learners.set(target.institutionId, entry);
  }
  return entry;
}
/**
 * A published quiz of one true/false question in a course the caller may edit (else the owner's),
 * with an attempt by the institution's student member (enrolled) when `attempt` is asked for.
 */
async function ownQuiz(t: TestPlatform, target: Target, caller?: ApiClient, attempt?: 'open' | 'submitted') {
  const c = await ownCourse(target, caller);
  const question = await c.maker.courses.addQuestion(target.institutionId, c.courseId, TRUE_FALSE);
  const quiz = await c.maker.courses.createQuiz(target.institutionId, c.courseId, {
    title: 'Quiz',
    questionIds: [question.id],
    published: true,
  });
  const path = `${c.path}/quizzes/${quiz.id}`;
  if (!attempt) return { ...c, questionId: question.id, quizId: quiz.id, path, attemptPath: '' };
  const learner = await learnerOf(t, target);
  await c.maker.courses.enrol(target.institutionId, c.courseId, { userIds: [learner.id] });
  const started = await learner.client.courses.startAttempt(target.institutionId, c.courseId, quiz.id);
  if (attempt === 'submitted') {
    await learner.client.courses.answer(target.institutionId, c.courseId, quiz.id, started.id, question.id, {
      type: 'true_false',
      value: true,
    });
    await learner.client.courses.submitAttempt(target.institutionId, c.courseId, quiz.id, started.id);
  }
  return { ...c, questionId: question.id, quizId: quiz.id, path, attemptPath: `${path}/attempts/${started.id}` };
}
/**
 * A published assignment in a course the caller may edit (else the owner's), with the institution's
 * student member enrolled and, when asked, their submission.
 */
async function ownAssignment(
  t: TestPlatform,
  target: Target,
  caller?: ApiClient,
  submit?: 'text' | 'file',
  options: Partial<CreateAssignmentBody> = {},
) {
  const c = await ownCourse(target, caller);
  const made = await c.maker.assignments.create(target.institutionId, c.courseId, { title: 'Essay', published: true, ...options });
  const learner = await learnerOf(t, target);
  await c.maker.courses.enrol(target.institutionId, c.courseId, { userIds: [learner.id] });
  const a = learner.client.assignments;
  if (submit === 'text') await a.submitText(target.institutionId, c.courseId, made.id, 'My essay');
  if (submit === 'file')
    await a.submitFile(target.institutionId, c.courseId, made.id, new Blob(['Essay'], { type: 'text/plain' }), 'essay.txt');
  return { ...c, assignmentId: made.id, learner, path: `${c.path}/assignments/${made.id}` };
}
/** The student member's peer review of a classmate's file, handed out once the deadline has passed. */
async function peerTask(t: TestPlatform, target: Target) {
  const own = await ownAssignment(t, target, undefined, 'file', { peerReviews: 1, due: { date: '2999-01-01', time: '00:00' } });
  const peer = await addMember(t, target.owner, target.institutionId, 'student');
  await own.maker.courses.enrol(target.institutionId, own.courseId, { userIds: [peer.id] });
  await peer.client.assignments.submitFile(
    target.institutionId,
    own.courseId,
    own.assignmentId,
    new Blob(['Other essay'], { type: 'text/plain' }),
    'other.txt',
  );
  await own.maker.assignments.update(target.institutionId, own.courseId, own.assignmentId, { due: { date: '2000-01-01', time: '00:00' } });
  const { tasks } = await own.learner.client.assignments.peerReviews(target.institutionId, own.courseId, own.assignmentId);
  return `${own.path}/peer-reviews/${tasks[0]?.id}`;
}
const studentPath = (target: Target, id: string) => `${base(target.institutionId)}/students/${id}`;
const yearPath = (target: Target, yearId: string) => `${base(target.institutionId)}/academic-years/${yearId}`;
const structureSamples: Record<string, Sample> = Object.fromEntries(
  STRUCTURE.flatMap(([kind, param]) => {
    const list = `/api/v1/institutions/:institutionId/${kind}`;
    const one = `${list}/:${param}`;
    const samples: [string, Sample][] = [
      [`GET ${list}`, async (_t, x) => ({ method: 'GET', path: `${base(x.institutionId)}/${kind}` })],
      [
        `POST ${list}`,
        async (_t, x) => ({ method: 'POST', path: `${base(x.institutionId)}/${kind}`, body: { name: unique('New '), code: unique('N') } }),
      ],
      [`GET ${one}`, async (_t, x) => ({ method: 'GET', path: `${base(x.institutionId)}/${kind}/${await freshUnit(x, kind)}` })],
      [
        `PATCH ${one}`,
        async (_t, x) => ({
          method: 'PATCH',
          path: `${base(x.institutionId)}/${kind}/${await freshUnit(x, kind)}`,
          body: { description: 'Changed' },
        }),
      ],
      [`DELETE ${one}`, async (_t, x) => ({ method: 'DELETE', path: `${base(x.institutionId)}/${kind}/${await freshUnit(x, kind)}` })],
    ];
    return samples;
  }),
);

/** A valid request for each institution route; a new route without a sample fails the test below. */
const samples: Record<string, Sample> = {
  'GET /api/v1/institutions/:institutionId': async (_t, x) => ({ method: 'GET', path: base(x.institutionId) }),
  'PATCH /api/v1/institutions/:institutionId': async (_t, x) => ({
    method: 'PATCH',
    path: base(x.institutionId),
    body: { description: 'Updated' },
  }),
  'GET /api/v1/institutions/:institutionId/members': async (_t, x) => ({ method: 'GET', path: `${base(x.institutionId)}/members` }),
  'PATCH /api/v1/institutions/:institutionId/members/:userId': async (t, x) => ({
    method: 'PATCH',
    path: `${base(x.institutionId)}/members/${await freshMember(t, x)}`,
    body: { role: 'staff' },
  }),
  'DELETE /api/v1/institutions/:institutionId/members/:userId': async (t, x) => ({
    method: 'DELETE',
    path: `${base(x.institutionId)}/members/${await freshMember(t, x)}`,
  }),
  'POST /api/v1/institutions/:institutionId/invitations': async (_t, x) => ({
    method: 'POST',
    path: `${base(x.institutionId)}/invitations`,
    body: { email: newEmail(), role: 'student' },
  }),
  'GET /api/v1/institutions/:institutionId/invitations': async (_t, x) => ({ method: 'GET', path: `${base(x.institutionId)}/invitations` }),
  'DELETE /api/v1/institutions/:institutionId/invitations/:invitationId': async (_t, x) => ({
    method: 'DELETE',
    path: `${base(x.institutionId)}/invitations/${await freshInvitation(x)}`,
  }),
  'GET /api/v1/institutions/:institutionId/audit': async (_t, x) => ({ method: 'GET', path: `${base(x.institutionId)}/audit` }),
  ...structureSamples,
  'GET /api/v1/institutions/:institutionId/academic-years': async (_t, x) => ({
    method: 'GET',
    path: `${base(x.institutionId)}/academic-years`,
  }),
  'POST /api/v1/institutions/:institutionId/academic-years': async (_t, x) => ({
    method: 'POST',
    path: `${base(x.institutionId)}/academic-years`,
    body: { name: unique('Year '), startsOn: '2026-09-01', endsOn: '2027-06-30' },
  }),
  'GET /api/v1/institutions/:institutionId/academic-years/:yearId': async (_t, x) => ({
    method: 'GET',
    path: yearPath(x, (await freshYear(x)).id),
  }),
  'PATCH /api/v1/institutions/:institutionId/academic-years/:yearId': async (_t, x) => ({
    method: 'PATCH',
    path: yearPath(x, (await freshYear(x)).id),
    body: { endsOn: '2027-07-15' },
  }),
  'DELETE /api/v1/institutions/:institutionId/academic-years/:yearId': async (_t, x) => ({
    method: 'DELETE',
    path: yearPath(x, (await freshYear(x)).id),
  }),
  'POST /api/v1/institutions/:institutionId/academic-years/:yearId/terms': async (_t, x) => ({
    method: 'POST',
    path: `${yearPath(x, (await freshYear(x)).id)}/terms`,
    body: { name: 'Spring', startsOn: '2027-01-05', endsOn: '2027-06-30' },
  }),
  'PATCH /api/v1/institutions/:institutionId/academic-years/:yearId/terms/:termId': async (_t, x) => {
    const year = await freshYear(x);
    return { method: 'PATCH', path: `${yearPath(x, year.id)}/terms/${year.terms[0]?.id}`, body: { name: 'Michaelmas' } };
  },
  'DELETE /api/v1/institutions/:institutionId/academic-years/:yearId/terms/:termId': async (_t, x) => {
    const year = await freshYear(x);
    return { method: 'DELETE', path: `${yearPath(x, year.id)}/terms/${year.terms[0]?.id}` };
  },
  'GET /api/v1/institutions/:institutionId/students': async (_t, x) => ({ method: 'GET', path: `${base(x.institutionId)}/students` }),
  'POST /api/v1/institutions/:institutionId/students': async (_t, x) => ({
    method: 'POST',
    path: `${base(x.institutionId)}/students`,
    body: { studentNumber: unique('N'), firstName: 'New', lastName: 'Student' },
  }),
  'GET /api/v1/institutions/:institutionId/students/:studentId': async (_t, x) => ({
    method: 'GET',
    path: studentPath(x, await visibleStudent(x)),
  }),
  'PATCH /api/v1/institutions/:institutionId/students/:studentId': async (_t, x) => ({
    method: 'PATCH',
    path: studentPath(x, await freshStudent(x)),
    body: { status: 'graduated' },
  }),
  'DELETE /api/v1/institutions/:institutionId/students/:studentId': async (_t, x) => ({
    method: 'DELETE',
    path: studentPath(x, await freshStudent(x)),
  }),
  'PUT /api/v1/institutions/:institutionId/students/:studentId/guardians/:userId': async (t, x) => ({
    method: 'PUT',
    path: `${studentPath(x, await freshStudent(x))}/guardians/${await parentOf(t, x)}`,
    body: { relationship: 'father' },
  }),
  'DELETE /api/v1/institutions/:institutionId/students/:studentId/guardians/:userId': async (t, x) => {
    const [student, parent] = [await freshStudent(x), await parentOf(t, x)];
    await x.owner.students.linkGuardian(x.institutionId, student, parent);
    return { method: 'DELETE', path: `${studentPath(x, student)}/guardians/${parent}` };
  },
  'GET /api/v1/institutions/:institutionId/staff': async (_t, x) => ({ method: 'GET', path: `${base(x.institutionId)}/staff` }),
  'POST /api/v1/institutions/:institutionId/staff': async (_t, x) => ({
    method: 'POST',
    path: `${base(x.institutionId)}/staff`,
    body: { staffNumber: unique('N'), firstName: 'New', lastName: 'Staff', kind: 'teacher' },
  }),
  'GET /api/v1/institutions/:institutionId/staff/:staffId': async (_t, x) => ({
    method: 'GET',
    path: `${base(x.institutionId)}/staff/${await freshStaff(x)}`,
  }),
  'PATCH /api/v1/institutions/:institutionId/staff/:staffId': async (_t, x) => ({
    method: 'PATCH',
    path: `${base(x.institutionId)}/staff/${await freshStaff(x)}`,
    body: { title: 'Librarian' },
  }),
  'DELETE /api/v1/institutions/:institutionId/staff/:staffId': async (_t, x) => ({
    method: 'DELETE',
    path: `${base(x.institutionId)}/staff/${await freshStaff(x)}`,
  }),
  'POST /api/v1/institutions/:institutionId/classes/:classId/enrolments': async (_t, x) => ({
    method: 'POST',
    path: `${base(x.institutionId)}/classes/${await freshClass(x)}/enrolments`,
    body: { studentIds: [await freshStudent(x)] },
  }),
  'DELETE /api/v1/institutions/:institutionId/classes/:classId/enrolments/:studentId': async (_t, x) => {
    const [klass, student] = [await freshClass(x), await freshStudent(x)];
    await x.owner.students.enrol(x.institutionId, klass, [student]);
    return { method: 'DELETE', path: `${base(x.institutionId)}/classes/${klass}/enrolments/${student}` };
  },
  'POST /api/v1/institutions/:institutionId/imports': async (_t, x) => ({
    method: 'POST',
    path: `${base(x.institutionId)}/imports`,
    body: { format: 'students', mode: 'dry_run', files: { 'students.csv': 'student_number,first_name,last_name\nX1,A,B\n' } },
  }),
  'GET /api/v1/institutions/:institutionId/imports': async (_t, x) => ({ method: 'GET', path: `${base(x.institutionId)}/imports` }),
  'GET /api/v1/institutions/:institutionId/imports/:importId': async (_t, x) => {
    const started = await x.owner.imports.create(x.institutionId, {
      format: 'enrolments',
      mode: 'dry_run',
      files: { 'enrolments.csv': 'class_code,student_number\n' },
    });
    return { method: 'GET', path: `${base(x.institutionId)}/imports/${started.id}` };
  },
  'GET /api/v1/institutions/:institutionId/timetable': async (_t, x) => ({ method: 'GET', path: `${base(x.institutionId)}/timetable` }),
  'POST /api/v1/institutions/:institutionId/timetable/periods': async (_t, x) => ({
    method: 'POST',
    path: `${base(x.institutionId)}/timetable/periods`,
    body: { classId: await freshClass(x), weekday: 1, startsAt: '08:00', endsAt: '08:45' },
  }),
  'PATCH /api/v1/institutions/:institutionId/timetable/periods/:periodId': async (_t, x) => ({
    method: 'PATCH',
    path: `${base(x.institutionId)}/timetable/periods/${await freshPeriod(x)}`,
    body: { startsAt: '08:15' },
  }),
  'DELETE /api/v1/institutions/:institutionId/timetable/periods/:periodId': async (_t, x) => ({
    method: 'DELETE',
    path: `${base(x.institutionId)}/timetable/periods/${await freshPeriod(x)}`,
  }),
  'POST /api/v1/institutions/:institutionId/timetable/feeds': async (_t, x) => ({
    method: 'POST',
    path: `${base(x.institutionId)}/timetable/feeds`,
    body: { kind: 'class', id: await freshClass(x) },
  }),
  'GET /api/v1/institutions/:institutionId/timetable/feeds': async (_t, x) => ({
    method: 'GET',
    path: `${base(x.institutionId)}/timetable/feeds`,
  }),
  'DELETE /api/v1/institutions/:institutionId/timetable/feeds/:feedId': async (_t, x, caller) => {
    // One's own feed; someone who cannot make one here gets the owner's, which they must not reach.
    const body = { kind: 'class' as const, id: await freshClass(x) };
    const feed = await (caller ?? x.owner).timetable
      .createFeed(x.institutionId, body)
      .catch(() => x.owner.timetable.createFeed(x.institutionId, body));
    return { method: 'DELETE', path: `${base(x.institutionId)}/timetable/feeds/${feed.id}` };
  },
  'PUT /api/v1/institutions/:institutionId/classes/:classId/attendance/:date': async (_t, x) => {
    // The institution's teacher member is the homeroom teacher: a teacher may take their own class.
    const teacher = memberIds.get(x.institutionId)?.get('teacher') ?? null;
    const klass = await x.owner.structure.create(x.institutionId, 'classes', {
      name: unique('C '),
      code: unique('C'),
      homeroomTeacherId: teacher,
    });
    return {
      method: 'PUT',
      path: `${base(x.institutionId)}/classes/${klass.id}/attendance/2026-11-23`,
      body: { defaultStatus: 'present' },
    };
  },
  'GET /api/v1/institutions/:institutionId/classes/:classId/attendance/:date': async (_t, x) => {
    const klass = await freshClass(x);
    await x.owner.attendance.take(x.institutionId, klass, '2026-11-23', {});
    return { method: 'GET', path: `${base(x.institutionId)}/classes/${klass}/attendance/2026-11-23` };
  },
  'GET /api/v1/institutions/:institutionId/attendance/report': async (_t, x) => ({
    method: 'GET',
    path: `${base(x.institutionId)}/attendance/report?from=2026-11-01&to=2026-11-30`,
  }),
  'GET /api/v1/institutions/:institutionId/dashboard': async (_t, x) => ({ method: 'GET', path: `${base(x.institutionId)}/dashboard` }),
  'GET /api/v1/institutions/:institutionId/attendance/settings': async (_t, x) => ({
    method: 'GET',
    path: `${base(x.institutionId)}/attendance/settings`,
  }),
  'PUT /api/v1/institutions/:institutionId/attendance/settings': async (_t, x) => ({
    method: 'PUT',
    path: `${base(x.institutionId)}/attendance/settings`,
    body: { alertBelow: 0.8 },
  }),
  'GET /api/v1/institutions/:institutionId/classes/:classId/assessments': async (_t, x) => ({
    method: 'GET',
    path: `${base(x.institutionId)}/classes/${await teachersClass(x)}/assessments`,
  }),
  'POST /api/v1/institutions/:institutionId/classes/:classId/assessments': async (_t, x) => ({
    method: 'POST',
    path: `${base(x.institutionId)}/classes/${await teachersClass(x)}/assessments`,
    body: { subjectId: await freshUnit(x, 'subjects'), termId: (await freshYear(x)).terms[0]?.id, title: 'Quiz', maxPoints: 10 },
  }),
  'PATCH /api/v1/institutions/:institutionId/assessments/:assessmentId': async (_t, x) => ({
    method: 'PATCH',
    path: `${base(x.institutionId)}/assessments/${(await gradedClass(x)).assessmentId}`,
    body: { title: 'Renamed' },
  }),
  'DELETE /api/v1/institutions/:institutionId/assessments/:assessmentId': async (_t, x) => ({
    method: 'DELETE',
    path: `${base(x.institutionId)}/assessments/${(await gradedClass(x)).assessmentId}`,
  }),
  'GET /api/v1/institutions/:institutionId/classes/:classId/gradebook': async (_t, x) => {
    const g = await gradedClass(x);
    return { method: 'GET', path: `${base(x.institutionId)}/classes/${g.classId}/gradebook?subjectId=${g.subjectId}&termId=${g.termId}` };
  },
  'PUT /api/v1/institutions/:institutionId/classes/:classId/marks': async (_t, x) => {
    const g = await gradedClass(x);
    return {
      method: 'PUT',
      path: `${base(x.institutionId)}/classes/${g.classId}/marks`,
      body: { marks: [{ assessmentId: g.assessmentId, studentId: g.studentId, points: 7 }] },
    };
  },
  // The student member's own record (their parent's child), in a class the teacher member teaches.
  'GET /api/v1/institutions/:institutionId/students/:studentId/grades': async (_t, x) => {
    const g = await gradedClass(x, await visibleStudent(x));
    return { method: 'GET', path: `${studentPath(x, g.studentId)}/grades?termId=${g.termId}` };
  },
  'GET /api/v1/institutions/:institutionId/students/:studentId/report-card': async (_t, x) => {
    const g = await gradedClass(x, await visibleStudent(x));
    return { method: 'GET', path: `${studentPath(x, g.studentId)}/report-card?termId=${g.termId}` };
  },
  'GET /api/v1/institutions/:institutionId/courses': async (_t, x) => ({ method: 'GET', path: `${base(x.institutionId)}/courses` }),
  'POST /api/v1/institutions/:institutionId/courses': async (_t, x) => ({
    method: 'POST',
    path: `${base(x.institutionId)}/courses`,
    body: { title: unique('Course ') },
  }),
  'POST /api/v1/institutions/:institutionId/courses/join': async (_t, x) => {
    const c = await ownCourse(x);
    const { joinCode } = await c.maker.courses.newJoinCode(x.institutionId, c.courseId);
    return { method: 'POST', path: `${base(x.institutionId)}/courses/join`, body: { code: joinCode } };
  },
  'GET /api/v1/institutions/:institutionId/courses/:courseId': async (_t, x) => ({ method: 'GET', path: (await ownCourse(x)).path }),
  'PATCH /api/v1/institutions/:institutionId/courses/:courseId': async (_t, x, caller) => ({
    method: 'PATCH',
    path: (await ownCourse(x, caller)).path,
    body: { summary: 'Changed' },
  }),
  'DELETE /api/v1/institutions/:institutionId/courses/:courseId': async (_t, x, caller) => ({
    method: 'DELETE',
    path: (await ownCourse(x, caller, 'draft')).path,
  }),
  'POST /api/v1/institutions/:institutionId/courses/:courseId/modules': async (_t, x, caller) => ({
    method: 'POST',
    path: `${(await ownCourse(x, caller)).path}/modules`,
    body: { title: 'Another module' },
  }),
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/modules/order': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    return { method: 'PUT', path: `${c.path}/modules/order`, body: { ids: [c.moduleId] } };
  },
  'PATCH /api/v1/institutions/:institutionId/courses/:courseId/modules/:moduleId': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    return { method: 'PATCH', path: `${c.path}/modules/${c.moduleId}`, body: { title: 'Renamed' } };
  },
  'DELETE /api/v1/institutions/:institutionId/courses/:courseId/modules/:moduleId': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    return { method: 'DELETE', path: `${c.path}/modules/${c.moduleId}` };
  },
  'POST /api/v1/institutions/:institutionId/courses/:courseId/modules/:moduleId/lessons': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    return { method: 'POST', path: `${c.path}/modules/${c.moduleId}/lessons`, body: { title: 'Another lesson' } };
  },
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/modules/:moduleId/lessons/order': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    return { method: 'PUT', path: `${c.path}/modules/${c.moduleId}/lessons/order`, body: { ids: [c.lessonId] } };
  },
  'PATCH /api/v1/institutions/:institutionId/courses/:courseId/lessons/:lessonId': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    return { method: 'PATCH', path: `${c.path}/lessons/${c.lessonId}`, body: { title: 'Renamed' } };
  },
  'DELETE /api/v1/institutions/:institutionId/courses/:courseId/lessons/:lessonId': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    return { method: 'DELETE', path: `${c.path}/lessons/${c.lessonId}` };
  },
  'GET /api/v1/institutions/:institutionId/courses/:courseId/enrolments': async (_t, x, caller) => ({
    method: 'GET',
    path: `${(await ownCourse(x, caller)).path}/enrolments`,
  }),
  'POST /api/v1/institutions/:institutionId/courses/:courseId/enrolments': async (_t, x, caller) => ({
    method: 'POST',
    path: `${(await ownCourse(x, caller)).path}/enrolments`,
    body: { classIds: [await freshClass(x)] },
  }),
  'DELETE /api/v1/institutions/:institutionId/courses/:courseId/enrolments/:userId': async (t, x, caller) => {
    const c = await ownCourse(x, caller);
    const learner = await freshMember(t, x);
    await c.maker.courses.enrol(x.institutionId, c.courseId, { userIds: [learner] });
    return { method: 'DELETE', path: `${c.path}/enrolments/${learner}` };
  },
  'POST /api/v1/institutions/:institutionId/courses/:courseId/join-code': async (_t, x, caller) => ({
    method: 'POST',
    path: `${(await ownCourse(x, caller)).path}/join-code`,
  }),
  'DELETE /api/v1/institutions/:institutionId/courses/:courseId/join-code': async (_t, x, caller) => ({
    method: 'DELETE',
    path: `${(await ownCourse(x, caller)).path}/join-code`,
  }),
  'GET /api/v1/institutions/:institutionId/courses/:courseId/progress': async (_t, x) => ({
    method: 'GET',
    path: `${(await ownCourse(x)).path}/progress`,
  }),
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/lessons/:lessonId/progress': async (t, x) => {
    // The institution's student member, enrolled: a learner records their own progress.
    const c = await ownCourse(x);
    const learner = memberIds.get(x.institutionId)?.get('student') ?? (await freshMember(t, x));
    await c.maker.courses.enrol(x.institutionId, c.courseId, { userIds: [learner] });
    return { method: 'PUT', path: `${c.path}/lessons/${c.lessonId}/progress`, body: { seconds: 30 } };
  },
  'GET /api/v1/institutions/:institutionId/courses/:courseId/progress/members': async (_t, x, caller) => ({
    method: 'GET',
    path: `${(await ownCourse(x, caller)).path}/progress/members`,
  }),
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/prerequisites': async (_t, x, caller) => ({
    method: 'PUT',
    path: `${(await ownCourse(x, caller)).path}/prerequisites`,
    body: { requires: [(await ownCourse(x)).courseId] },
  }),
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/modules/:moduleId/prerequisites': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    return { method: 'PUT', path: `${c.path}/modules/${c.moduleId}/prerequisites`, body: { requires: [] } };
  },
  'GET /api/v1/institutions/:institutionId/learning-path': async (_t, x) => ({
    method: 'GET',
    path: `${base(x.institutionId)}/learning-path`,
  }),
  'GET /api/v1/institutions/:institutionId/achievements': async (_t, x) => ({
    method: 'GET',
    path: `${base(x.institutionId)}/achievements`,
  }),
  'GET /api/v1/institutions/:institutionId/leaderboard': async (_t, x) => ({
    method: 'GET',
    path: `${base(x.institutionId)}/leaderboard?courseId=${(await ownCourse(x)).courseId}`,
  }),
  'GET /api/v1/institutions/:institutionId/courses/:courseId/questions': async (_t, x, caller) => ({
    method: 'GET',
    path: `${(await ownCourse(x, caller)).path}/questions`,
  }),
  'POST /api/v1/institutions/:institutionId/courses/:courseId/questions': async (_t, x, caller) => ({
    method: 'POST',
    path: `${(await ownCourse(x, caller)).path}/questions`,
    body: TRUE_FALSE,
  }),
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/questions/:questionId': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    const q = await c.maker.courses.addQuestion(x.institutionId, c.courseId, TRUE_FALSE);
    return { method: 'PUT', path: `${c.path}/questions/${q.id}`, body: { ...TRUE_FALSE, answer: false } };
  },
  'DELETE /api/v1/institutions/:institutionId/courses/:courseId/questions/:questionId': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    const q = await c.maker.courses.addQuestion(x.institutionId, c.courseId, TRUE_FALSE);
    return { method: 'DELETE', path: `${c.path}/questions/${q.id}` };
  },
  'GET /api/v1/institutions/:institutionId/courses/:courseId/questions/export': async (_t, x, caller) => ({
    method: 'GET',
    path: `${(await ownCourse(x, caller)).path}/questions/export`,
  }),
  'POST /api/v1/institutions/:institutionId/courses/:courseId/questions/import': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    await c.maker.courses.addQuestion(x.institutionId, c.courseId, TRUE_FALSE);
    const zip = await c.maker.courses.exportQuestions(x.institutionId, c.courseId);
    return { method: 'POST', path: `${c.path}/questions/import`, body: zip };
  },
  'GET /api/v1/institutions/:institutionId/courses/:courseId/quizzes': async (_t, x) => ({
    method: 'GET',
    path: `${(await ownCourse(x)).path}/quizzes`,
  }),
  'POST /api/v1/institutions/:institutionId/courses/:courseId/quizzes': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    const q = await c.maker.courses.addQuestion(x.institutionId, c.courseId, TRUE_FALSE);
    return { method: 'POST', path: `${c.path}/quizzes`, body: { title: 'New quiz', questionIds: [q.id] } };
  },
  'PATCH /api/v1/institutions/:institutionId/courses/:courseId/quizzes/:quizId': async (t, x, caller) => ({
    method: 'PATCH',
    path: (await ownQuiz(t, x, caller)).path,
    body: { title: 'Renamed' },
  }),
  'DELETE /api/v1/institutions/:institutionId/courses/:courseId/quizzes/:quizId': async (t, x, caller) => ({
    method: 'DELETE',
    path: (await ownQuiz(t, x, caller)).path,
  }),
  'POST /api/v1/institutions/:institutionId/courses/:courseId/quizzes/:quizId/attempts': async (t, x) => {
    const q = await ownQuiz(t, x);
    await q.maker.courses.enrol(x.institutionId, q.courseId, { userIds: [(await learnerOf(t, x)).id] });
    return { method: 'POST', path: `${q.path}/attempts` };
  },
  'GET /api/v1/institutions/:institutionId/courses/:courseId/quizzes/:quizId/attempts': async (t, x) => ({
    method: 'GET',
    path: `${(await ownQuiz(t, x)).path}/attempts`,
  }),
  // The student member's attempt: theirs to read, and (as an editor) the teacher's and admins'.
  'GET /api/v1/institutions/:institutionId/courses/:courseId/quizzes/:quizId/attempts/:attemptId': async (t, x, caller) => ({
    method: 'GET',
    path: (await ownQuiz(t, x, caller, 'open')).attemptPath,
  }),
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/quizzes/:quizId/attempts/:attemptId/answers/:questionId': async (t, x) => {
    const q = await ownQuiz(t, x, undefined, 'open');
    return { method: 'PUT', path: `${q.attemptPath}/answers/${q.questionId}`, body: { response: { type: 'true_false', value: true } } };
  },
  'POST /api/v1/institutions/:institutionId/courses/:courseId/quizzes/:quizId/attempts/:attemptId/submit': async (t, x) => ({
    method: 'POST',
    path: `${(await ownQuiz(t, x, undefined, 'open')).attemptPath}/submit`,
  }),
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/quizzes/:quizId/attempts/:attemptId/questions/:questionId/grade': async (
    t,
    x,
    caller,
  ) => {
    const q = await ownQuiz(t, x, caller, 'submitted');
    return { method: 'PUT', path: `${q.attemptPath}/questions/${q.questionId}/grade`, body: { points: 1 } };
  },
  'GET /api/v1/institutions/:institutionId/courses/:courseId/analytics': async (_t, x, caller) => ({
    method: 'GET',
    path: `${(await ownCourse(x, caller)).path}/analytics`,
  }),
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/lessons/:lessonId/file': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    const lesson = await c.maker.courses.addLesson(x.institutionId, c.courseId, c.moduleId, { title: 'File', kind: 'file' });
    return { method: 'PUT', path: `${c.path}/lessons/${lesson.id}/file?name=notes.txt`, body: new Blob(['Notes'], { type: 'text/plain' }) };
  },
  'DELETE /api/v1/institutions/:institutionId/courses/:courseId/lessons/:lessonId/file': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    const lesson = await c.maker.courses.addLesson(x.institutionId, c.courseId, c.moduleId, { title: 'File', kind: 'file' });
    await c.maker.courses.uploadLessonFile(
      x.institutionId,
      c.courseId,
      lesson.id,
      new Blob(['Notes'], { type: 'text/plain' }),
      'notes.txt',
    );
    return { method: 'DELETE', path: `${c.path}/lessons/${lesson.id}/file` };
  },
  'GET /api/v1/institutions/:institutionId/courses/:courseId/lessons/:lessonId/file': async (_t, x) => {
    const c = await ownCourse(x);
    const lesson = await c.maker.courses.addLesson(x.institutionId, c.courseId, c.moduleId, {
      title: 'File',
      kind: 'file',
      published: true,
    });
    await c.maker.courses.uploadLessonFile(
      x.institutionId,
      c.courseId,
      lesson.id,
      new Blob(['Notes'], { type: 'text/plain' }),
      'notes.txt',
    );
    return { method: 'GET', path: `${c.path}/lessons/${lesson.id}/file` };
  },
  'GET /api/v1/institutions/:institutionId/courses/:courseId/gradebook': async (_t, x, caller) => ({
    method: 'GET',
    path: `${(await ownCourse(x, caller)).path}/gradebook`,
  }),
  'GET /api/v1/institutions/:institutionId/courses/:courseId/gradebook.csv': async (_t, x, caller) => ({
    method: 'GET',
    path: `${(await ownCourse(x, caller)).path}/gradebook.csv`,
  }),
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/gradebook/categories': async (_t, x, caller) => ({
    method: 'PUT',
    path: `${(await ownCourse(x, caller)).path}/gradebook/categories`,
    body: { categories: [{ name: 'Quizzes', weight: 1 }] },
  }),
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/gradebook/overrides/:userId': async (t, x, caller) => {
    const c = await ownCourse(x, caller);
    const learner = await learnerOf(t, x);
    await c.maker.courses.enrol(x.institutionId, c.courseId, { userIds: [learner.id] });
    return {
      method: 'PUT',
      path: `${c.path}/gradebook/overrides/${learner.id}`,
      body: { item: 'course', percent: 90, reason: 'Moderated' },
    };
  },
  'POST /api/v1/institutions/:institutionId/courses/:courseId/gradebook/release': async (_t, x, caller) => {
    const c = await ownCourse(x, caller);
    const subjectId = await freshUnit(x, 'subjects');
    await c.maker.courses.update(x.institutionId, c.courseId, { subjectId, classIds: [await freshClass(x)] });
    return { method: 'POST', path: `${c.path}/gradebook/release`, body: { termId: (await freshYear(x)).terms[0]?.id } };
  },
  'GET /api/v1/institutions/:institutionId/courses/:courseId/assignments': async (_t, x) => ({
    method: 'GET',
    path: `${(await ownCourse(x)).path}/assignments`,
  }),
  'POST /api/v1/institutions/:institutionId/courses/:courseId/assignments': async (_t, x, caller) => ({
    method: 'POST',
    path: `${(await ownCourse(x, caller)).path}/assignments`,
    body: { title: 'New assignment' },
  }),
  'GET /api/v1/institutions/:institutionId/courses/:courseId/assignments/:assignmentId': async (t, x) => ({
    method: 'GET',
    path: (await ownAssignment(t, x)).path,
  }),
  'PATCH /api/v1/institutions/:institutionId/courses/:courseId/assignments/:assignmentId': async (t, x, caller) => ({
    method: 'PATCH',
    path: (await ownAssignment(t, x, caller)).path,
    body: { title: 'Renamed' },
  }),
  'DELETE /api/v1/institutions/:institutionId/courses/:courseId/assignments/:assignmentId': async (t, x, caller) => ({
    method: 'DELETE',
    path: (await ownAssignment(t, x, caller, 'file')).path,
  }),
  'GET /api/v1/institutions/:institutionId/courses/:courseId/assignments/:assignmentId/submission': async (t, x) => ({
    method: 'GET',
    path: `${(await ownAssignment(t, x)).path}/submission`,
  }),
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/assignments/:assignmentId/submission/text': async (t, x) => ({
    method: 'PUT',
    path: `${(await ownAssignment(t, x)).path}/submission/text`,
    body: { text: 'My essay' },
  }),
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/assignments/:assignmentId/submission/file': async (t, x) => ({
    method: 'PUT',
    path: `${(await ownAssignment(t, x)).path}/submission/file?name=essay.txt`,
    body: new Blob(['Essay'], { type: 'text/plain' }),
  }),
  'GET /api/v1/institutions/:institutionId/courses/:courseId/assignments/:assignmentId/submissions': async (t, x, caller) => ({
    method: 'GET',
    path: `${(await ownAssignment(t, x, caller, 'text')).path}/submissions`,
  }),
  'GET /api/v1/institutions/:institutionId/courses/:courseId/assignments/:assignmentId/submissions/:userId': async (t, x, caller) => {
    const own = await ownAssignment(t, x, caller, 'text');
    return { method: 'GET', path: `${own.path}/submissions/${own.learner.id}` };
  },
  'GET /api/v1/institutions/:institutionId/courses/:courseId/assignments/:assignmentId/submissions/:userId/file': async (t, x, caller) => {
    const own = await ownAssignment(t, x, caller, 'file');
    return { method: 'GET', path: `${own.path}/submissions/${own.learner.id}/file` };
  },
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/assignments/:assignmentId/submissions/:userId/grade': async (t, x, caller) => {
    const own = await ownAssignment(t, x, caller, 'text');
    return { method: 'PUT', path: `${own.path}/submissions/${own.learner.id}/grade`, body: { points: 90 } };
  },
  'POST /api/v1/institutions/:institutionId/courses/:courseId/assignments/:assignmentId/release': async (t, x, caller) => ({
    method: 'POST',
    path: `${(await ownAssignment(t, x, caller, 'text')).path}/release`,
  }),
  'GET /api/v1/institutions/:institutionId/courses/:courseId/assignments/:assignmentId/peer-reviews': async (t, x) => ({
    method: 'GET',
    path: `${(await ownAssignment(t, x, undefined, 'text', { peerReviews: 1 })).path}/peer-reviews`,
  }),
  'PUT /api/v1/institutions/:institutionId/courses/:courseId/assignments/:assignmentId/peer-reviews/:reviewId': async (t, x) => ({
    method: 'PUT',
    path: await peerTask(t, x),
    body: { comment: 'Clear and well argued' },
  }),
  'GET /api/v1/institutions/:institutionId/courses/:courseId/assignments/:assignmentId/peer-reviews/:reviewId/file': async (t, x) => ({
    method: 'GET',
    path: `${await peerTask(t, x)}/file`,
  }),
  'GET /api/v1/institutions/:institutionId/announcements': async (_t, x) => ({
    method: 'GET',
    path: `${base(x.institutionId)}/announcements`,
  }),
  'POST /api/v1/institutions/:institutionId/announcements': async (_t, x) => ({
    method: 'POST',
    path: `${base(x.institutionId)}/announcements`,
    body: { title: 'Sample', audience: { kind: 'class', id: await teachersClass(x) } },
  }),
  'DELETE /api/v1/institutions/:institutionId/announcements/:announcementId': async (_t, x, caller) => {
    // One's own; someone who cannot announce here gets the owner's, which they must not reach.
    const body = { title: 'To delete', audience: { kind: 'class' as const, id: await teachersClass(x) } };
    const sent = await (caller ?? x.owner).announcements
      .create(x.institutionId, body)
      .catch(() => x.owner.announcements.create(x.institutionId, body));
    return { method: 'DELETE', path: `${base(x.institutionId)}/announcements/${sent.id}` };
  },
  'GET /api/v1/institutions/:institutionId/settings/grading-scale': async (_t, x) => ({
    method: 'GET',
    path: `${base(x.institutionId)}/settings/grading-scale`,
  }),
  'PUT /api/v1/institutions/:institutionId/settings/grading-scale': async (_t, x) => ({
    method: 'PUT',
    path: `${base(x.institutionId)}/settings/grading-scale`,
    body: {
      kind: 'percentage',
      bands: [
        { label: 'Pass', min: 50 },
        { label: 'Fail', min: 0 },
      ],
    },
  }),
  'PUT /api/v1/institutions/:institutionId/settings/logo': async (_t, x) => ({
    method: 'PUT',
    path: `${base(x.institutionId)}/settings/logo`,
    body: new Blob([new Uint8Array(await new Jimp({ width: 32, height: 32, color: 0x336699ff }).getBuffer('image/png'))], {
      type: 'image/png',
    }),
  }),
  'DELETE /api/v1/institutions/:institutionId/settings/logo': async (_t, x) => ({
    method: 'DELETE',
    path: `${base(x.institutionId)}/settings/logo`,
  }),
  'GET /api/v1/institutions/:institutionId/webhooks': async (_t, x) => ({ method: 'GET', path: `${base(x.institutionId)}/webhooks` }),
  'POST /api/v1/institutions/:institutionId/webhooks': async (_t, x) => ({
    method: 'POST',
    path: `${base(x.institutionId)}/webhooks`,
    body: { url: RECEIVER, eventTypes: ['institutions.member_removed'] },
  }),
  'GET /api/v1/institutions/:institutionId/webhooks/:webhookId': async (_t, x) => ({ method: 'GET', path: await webhookPath(x) }),
  'PATCH /api/v1/institutions/:institutionId/webhooks/:webhookId': async (_t, x) => ({
    method: 'PATCH',
    path: await webhookPath(x),
    body: { description: 'Student information system' },
  }),
  'DELETE /api/v1/institutions/:institutionId/webhooks/:webhookId': async (_t, x) => ({
    method: 'DELETE',
    path: `${base(x.institutionId)}/webhooks/${await freshWebhook(x)}`,
  }),
  'POST /api/v1/institutions/:institutionId/webhooks/:webhookId/rotate-secret': async (_t, x) => ({
    method: 'POST',
    path: `${await webhookPath(x)}/rotate-secret`,
    body: {},
  }),
  'POST /api/v1/institutions/:institutionId/webhooks/:webhookId/ping': async (_t, x) => ({
    method: 'POST',
    path: `${await webhookPath(x)}/ping`,
    body: {},
  }),
  'GET /api/v1/institutions/:institutionId/webhooks/:webhookId/deliveries': async (_t, x) => ({
    method: 'GET',
    path: `${await webhookPath(x)}/deliveries`,
  }),
  'GET /api/v1/institutions/:institutionId/webhooks/:webhookId/deliveries/:deliveryId': async (_t, x) => ({
    method: 'GET',
    path: await finishedDelivery(x),
  }),
  'POST /api/v1/institutions/:institutionId/webhooks/:webhookId/deliveries/:deliveryId/redeliver': async (_t, x) => ({
    method: 'POST',
    path: `${await finishedDelivery(x)}/redeliver`,
    body: {},
  }),
};

async function statusOf(client: ApiClient, req: Request): Promise<number> {
  try {
    await client.raw(req.method, req.path, req.body);
    return 200;
  } catch (err) {
    if (err instanceof ApiError) return err.status;
    throw err;
  }
}

/** Every route, each with a freshly made sample: minutes on a loaded 2-core machine, not seconds. */
const SLOW_TEST_MS = 300_000;

const ROLES: InstitutionRole[] = ['owner', 'admin', 'teacher', 'student', 'staff', 'parent'];

describe(`access control on ${dbLabel()}`, () => {
  let t: TestPlatform;
  let target: Target;
  const members = new Map<InstitutionRole, ApiClient>();
  let outsider: ApiClient;

  beforeAll(async () => {
    t = await startTestPlatform({
      env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_MAX_ATTEMPTS: '1', WEBHOOK_DISABLE_AFTER_FAILURES: '1000' },
    });
    const owner = await signedUpClient(t, 'Owner');
    const inst = await createInstitution(owner.client);
    target = { institutionId: inst.id, owner: owner.client };
    members.set('owner', owner.client);
    const ids = new Map<InstitutionRole, string>();
    for (const role of ROLES.filter((r) => r !== 'owner')) {
      const member = await addMember(t, owner.client, inst.id, role);
      members.set(role, member.client);
      ids.set(role, member.id);
    }
    memberIds.set(inst.id, ids);
    learners.set(inst.id, Promise.resolve({ id: ids.get('student') as string, client: members.get('student') as ApiClient }));
    // A member of another institution, owner there, stranger here.
    outsider = (await signedUpClient(t, 'Outsider')).client;
    await createInstitution(outsider);
  });
  afterAll(() => t.close());

  it('every institution route has a sample request', () => {
    const routes = t.platform.routes.filter((r) => r.access.kind === 'institution').map((r) => `${r.method} ${r.url}`);
    expect(routes.sort()).toEqual(Object.keys(samples).sort());
  });

  for (const role of ROLES) {
    it(
      `${role}: allowed exactly where the permission table says, 403 elsewhere`,
      async () => {
        const client = members.get(role) as ApiClient;
        for (const route of t.platform.routes.filter((r) => r.access.kind === 'institution')) {
          const access = route.access as { kind: 'institution'; permission: string };
          const sample = samples[`${route.method} ${route.url}`];
          if (!sample) throw new Error(`no sample for ${route.method} ${route.url}`);
          const status = await statusOf(client, await sample(t, target, client));
          const allowed = roleHas(t.platform.permissions, role, access.permission);
          expect({ route: `${route.method} ${route.url}`, status: allowed ? status < 400 : status }).toEqual({
            route: `${route.method} ${route.url}`,
            status: allowed ? true : 403,
          });
        }
      },
      SLOW_TEST_MS,
    );
  }

  it(
    'a non-member gets 404 on every institution route, so ids reveal nothing',
    async () => {
      for (const route of t.platform.routes.filter((r) => r.access.kind === 'institution')) {
        const sample = samples[`${route.method} ${route.url}`] as Sample;
        expect({ route: route.url, status: await statusOf(outsider, await sample(t, target)) }).toEqual({ route: route.url, status: 404 });
      }
    },
    SLOW_TEST_MS,
  );

  it('every signed-in route answers 401 without a token', async () => {
    const anonymous = t.client();
    const signedIn = t.platform.routes.filter((r) => r.access.kind !== 'public');
    expect(signedIn.length).toBeGreaterThan(10);
    for (const route of signedIn) {
      const path = route.url.replace(/:(\w+)/g, '01a20000-0000-7000-8000-000000000000');
      expect({
        route: route.url,
        status: await statusOf(anonymous, {
          method: route.method as Request['method'],
          path,
          body: route.method === 'GET' ? undefined : {},
        }),
      }).toEqual({
        route: route.url,
        status: 401,
      });
    }
  });

  it('platform routes refuse every institution role, owner included, with 403', async () => {
    const platformRoutes = t.platform.routes.filter((r) => r.access.kind === 'platform');
    expect(platformRoutes.length).toBeGreaterThan(0);
    for (const route of platformRoutes) {
      const path = route.url.replace(/:(\w+)/g, '01a20000-0000-7000-8000-000000000000');
      for (const role of ROLES) {
        const status = await statusOf(members.get(role) as ApiClient, {
          method: route.method as Request['method'],
          path,
          body: route.method === 'GET' || route.method === 'DELETE' ? undefined : { roles: [] },
        });
        expect({ route: route.url, role, status }).toEqual({ route: route.url, role, status: 403 });
      }
    }
  });

  it(
    'tenant isolation: a member of A can neither read nor write B through any route',
    async () => {
      const a = await signedUpClient(t, 'Owner A');
      const instA = await createInstitution(a.client);
      const b = await signedUpClient(t, 'Owner B');
      const instB = await createInstitution(b.client, { name: 'Institution B' });
      const targetB: Target = { institutionId: instB.id, owner: b.client };
      const targetA: Target = { institutionId: instA.id, owner: a.client };
      const before = { inst: await b.client.institutions.get(instB.id), members: await b.client.institutions.members(instB.id) };

      for (const route of t.platform.routes.filter((r) => r.access.kind === 'institution')) {
        const sample = samples[`${route.method} ${route.url}`] as Sample;
        // B's institution id with A's token.
        expect({ route: route.url, status: await statusOf(a.client, await sample(t, targetB)) }).toEqual({ route: route.url, status: 404 });
        // A's own institution id, but B's member or invitation ids in the path. (Where A's owner lacks
        // the permission, say a learner's own progress, the guard refuses before any id is read.)
        const access = route.access as { kind: 'institution'; permission: string };
        if (
          roleHas(t.platform.permissions, 'owner', access.permission) &&
          /:(userId|invitationId|webhookId|assessmentId|questionId|quizId|attemptId|courseId|moduleId|lessonId|assignmentId|reviewId|departmentId|programId|subjectId|classId|yearId|studentId|staffId|importId|periodId|feedId)/.test(
            route.url,
          )
        ) {
          const own = await sample(t, targetA);
          const foreign = await sample(t, targetB);
          const mixed = { ...foreign, path: foreign.path.replace(instB.id, instA.id) };
          expect({ route: route.url, status: await statusOf(a.client, mixed), own: own.path !== mixed.path }).toEqual({
            route: route.url,
            status: 404,
            own: true,
          });
        }
      }
      const hooksB = await b.client.webhooks.list(instB.id);
      expect(hooksB.items.every((w) => w.description === '')).toBe(true);
      const after = await b.client.institutions.get(instB.id);
      expect(after).toEqual(before.inst);
      const afterMembers = await b.client.institutions.members(instB.id);
      expect(afterMembers.items.map((m) => m.userId)).toEqual(expect.arrayContaining(before.members.items.map((m) => m.userId)));
      expect((await b.client.institutions.audit(instB.id)).items.every((e) => e.actorId !== a.id)).toBe(true);
    },
    SLOW_TEST_MS,
  );
});
