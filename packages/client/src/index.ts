// The typed API client used by the web app, the tests and the benchmarks.
import type {
  AcademicYear,
  AcceptInvitationBody,
  AcceptInvitationResult,
  Achievements,
  AddMembersBody,
  Announcement,
  AnnouncementQuery,
  AnswerBody,
  Assessment,
  AssessmentQuery,
  Assignment,
  Attachment,
  AttendanceReport,
  AttendanceReportQuery,
  AttendanceSession,
  AttendanceSettings,
  AuditEntry,
  AuditQuery,
  AuthResult,
  CalendarFeed,
  CatalogueCourse,
  CatalogueEntry,
  CatalogueQuery,
  ChangePasswordBody,
  ChatMemberRole,
  ChatUnread,
  ClassQuery,
  Conversation,
  ConversationDetail,
  ConversationQuery,
  Course,
  CourseAnalytics,
  CourseEnrolBody,
  CourseEnrolment,
  CourseGradebook,
  CourseGradesRelease,
  CourseGraph,
  CourseModule,
  CourseOutline,
  CourseProgress,
  CourseProgressSummary,
  CourseQuery,
  CreateAcademicYearBody,
  CreateAnnouncementBody,
  CreateAssessmentBody,
  CreateAssignmentBody,
  CreateClassBody,
  CreateCourseBody,
  CreateDepartmentBody,
  CreateFeedBody,
  CreateGroupBody,
  CreateImportBody,
  CreateInstitutionBody,
  CreateInvitationBody,
  CreateLessonBody,
  CreateModuleBody,
  CreatePeriodBody,
  CreateProgramBody,
  CreateQuestionBody,
  CreateQuizBody,
  CreateStaffBody,
  CreateStudentBody,
  CreateSubjectBody,
  CreateWebhookBody,
  Dashboard,
  Department,
  DevMail,
  EditMessageBody,
  EnterMarksBody,
  EnterMarksResult,
  Gradebook,
  GradebookQuery,
  GradeOverrideBody,
  GradeSubmissionBody,
  GradingScale,
  GuardianBody,
  Institution,
  InstitutionSummary,
  Invitation,
  InvitationPreview,
  Leaderboard,
  Lesson,
  LoginBody,
  ManualGradeBody,
  Member,
  Message,
  MessagePage,
  MessageQuery,
  MessageSearchQuery,
  Notification,
  NotificationQuery,
  NotificationSettings,
  Page,
  PeerReviewBody,
  PeerReviews,
  Period,
  PlatformRole,
  Problem,
  Program,
  PushPublicKey,
  PushSubscriptionBody,
  Question,
  Quiz,
  QuizAttempt,
  ReactionEmoji,
  RecordProgressBody,
  RegisterBody,
  ReleaseCourseGradesBody,
  ResetPasswordBody,
  ReviewTask,
  RosterImport,
  SchoolClass,
  SendMessageBody,
  Session,
  SetGradebookCategoriesBody,
  SetPrerequisitesBody,
  StaffMember,
  StaffQuery,
  StructureKind,
  Student,
  StudentGrades,
  StudentQuery,
  Subject,
  Submission,
  TakeAttendanceBody,
  TermBody,
  TimetableQuery,
  UpdateAcademicYearBody,
  UpdateAssessmentBody,
  UpdateAssignmentBody,
  UpdateClassBody,
  UpdateCourseBody,
  UpdateDepartmentBody,
  UpdateGradingScaleBody,
  UpdateInstitutionBody,
  UpdateLessonBody,
  UpdateMeBody,
  UpdateMemberBody,
  UpdateModuleBody,
  UpdateNotificationSettingsBody,
  UpdatePeriodBody,
  UpdateProgramBody,
  UpdateQuizBody,
  UpdateStaffBody,
  UpdateStudentBody,
  UpdateSubjectBody,
  UpdateTermBody,
  UpdateWebhookBody,
  User,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookDeliveryQuery,
  WebhookWithSecret,
} from '@edumatrix/contracts';
import { socialApi } from './social.ts';

/** Each structure kind's item, create and update bodies. */
type Units = { departments: Department; programs: Program; subjects: Subject; classes: SchoolClass };
type UnitCreates = {
  departments: CreateDepartmentBody;
  programs: CreateProgramBody;
  subjects: CreateSubjectBody;
  classes: CreateClassBody;
};
type UnitUpdates = {
  departments: UpdateDepartmentBody;
  programs: UpdateProgramBody;
  subjects: UpdateSubjectBody;
  classes: UpdateClassBody;
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(`${status} ${problem.code}: ${problem.detail}`);
  }
}

export type ClientOptions = {
  baseUrl?: string;
  /** 'cookie' (browsers): the refresh token lives in an httpOnly cookie; 'body' (API clients): we hold it. */
  tokenTransport?: 'cookie' | 'body';
  fetch?: typeof fetch;
  onAuthChange?: (auth: AuthResult | null) => void;
};

const REFRESH_TOKEN_ROUTES = ['/api/v1/auth/refresh', '/api/v1/auth/logout'];

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Query = Record<string, string | number | undefined>;

export function createClient(options: ClientOptions = {}) {
  const baseUrl = options.baseUrl ?? '';
  const transport = options.tokenTransport ?? 'body';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let accessToken: string | null = null;
  let refreshToken: string | null = null;
  let refreshing: Promise<AuthResult | null> | null = null;

  function remember(auth: AuthResult | null): AuthResult | null {
    accessToken = auth?.accessToken ?? null;
    if (transport === 'body') refreshToken = auth?.refreshToken ?? null;
    options.onAuthChange?.(auth);
    return auth;
  }

  /**
   * `keepalive`: let the request finish although the page is going away (reports sent on pagehide).
   * `blob`: a download, whatever its type (a lesson's text file too).
   */
  type SendOptions = { keepalive?: boolean; blob?: boolean };

  async function send<T>(method: Method, path: string, body?: unknown, query?: Query, options: SendOptions = {}): Promise<T> {
    const url = new URL(baseUrl + path, baseUrl || 'http://localhost');
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json' };
    // A Blob (a file to upload) goes as its bytes with its own type; anything else as JSON.
    const binary = body instanceof Blob;
    if (body !== undefined) headers['content-type'] = binary ? body.type || 'application/octet-stream' : 'application/json';
    // Refresh and logout are authorised by the refresh token; an (expired) access token is noise there.
    if (accessToken && !REFRESH_TOKEN_ROUTES.includes(path)) headers.authorization = `Bearer ${accessToken}`;
    if (transport === 'cookie') headers['x-token-transport'] = 'cookie';
    const res = await doFetch(baseUrl ? url.toString() : url.pathname + url.search, {
      method,
      headers,
      body: body === undefined ? undefined : binary ? body : JSON.stringify(body),
      credentials: 'include',
      ...(options.keepalive ? { keepalive: true } : {}),
    });
    if (res.status === 204) return undefined as T;
    const type = res.headers.get('content-type') ?? '';
    // JSON and text as such; anything else (a PDF, an image), or a download asked for as such, as a Blob.
    const data = type.includes('json')
      ? await res.json()
      : options.blob && res.ok
        ? await res.blob()
        : type.startsWith('text/') || !type
          ? await res.text()
          : await res.blob();
    if (!res.ok) throw new ApiError(res.status, data as Problem);
    return data as T;
  }

  /** Sends, and after a 401 refreshes the access token once and tries again. */
  async function call<T>(method: Method, path: string, body?: unknown, query?: Query, options?: SendOptions): Promise<T> {
    try {
      return await send<T>(method, path, body, query, options);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401 || !accessToken) throw err;
      const renewed = await refresh().catch(() => null);
      if (!renewed) throw err;
      return send<T>(method, path, body, query, options);
    }
  }

  const tokenBody = () => (transport === 'body' && refreshToken ? { refreshToken } : {});

  function refresh(): Promise<AuthResult | null> {
    refreshing ??= send<AuthResult>('POST', '/api/v1/auth/refresh', tokenBody())
      .then(remember, (err) => {
        remember(null);
        throw err;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  const inst = (id: string) => `/api/v1/institutions/${encodeURIComponent(id)}`;
  const unit = (id: string, kind: StructureKind, unitId: string) => `${inst(id)}/${kind}/${encodeURIComponent(unitId)}`;
  const student = (id: string, studentId: string) => `${inst(id)}/students/${encodeURIComponent(studentId)}`;
  const staffPath = (id: string, staffId: string) => `${inst(id)}/staff/${encodeURIComponent(staffId)}`;
  const year = (id: string, yearId: string) => `${inst(id)}/academic-years/${encodeURIComponent(yearId)}`;
  const course = (id: string, courseId: string) => `${inst(id)}/courses/${encodeURIComponent(courseId)}`;
  const assignment = (id: string, courseId: string, assignmentId: string) =>
    `${course(id, courseId)}/assignments/${encodeURIComponent(assignmentId)}`;
  const hook = (id: string, webhookId: string) => `${inst(id)}/webhooks/${encodeURIComponent(webhookId)}`;
  const conv = (id: string) => `/api/v1/conversations/${encodeURIComponent(id)}`;
  const msg = (id: string, messageId: string) => `${conv(id)}/messages/${encodeURIComponent(messageId)}`;

  return {
    get accessToken() {
      return accessToken;
    },
    get refreshToken() {
      return refreshToken;
    },
    raw: call,
    auth: {
      register: async (body: RegisterBody) => remember(await send<AuthResult>('POST', '/api/v1/auth/register', body)) as AuthResult,
      login: async (body: LoginBody) => remember(await send<AuthResult>('POST', '/api/v1/auth/login', body)) as AuthResult,
      refresh,
      logout: async () => {
        await send<void>('POST', '/api/v1/auth/logout', tokenBody()).finally(() => remember(null));
      },
      verifyEmail: (token: string) => send<void>('POST', '/api/v1/auth/verify-email', { token }),
      resendVerification: () => call<void>('POST', '/api/v1/auth/verify-email/resend', {}),
      requestPasswordReset: (email: string) => send<void>('POST', '/api/v1/auth/password-reset/request', { email }),
      resetPassword: (body: ResetPasswordBody) => send<void>('POST', '/api/v1/auth/password-reset/confirm', body),
    },
    me: {
      get: () => call<User>('GET', '/api/v1/me'),
      update: (body: UpdateMeBody) => call<User>('PATCH', '/api/v1/me', body),
      changePassword: (body: ChangePasswordBody) => call<void>('POST', '/api/v1/me/password', body),
      sessions: () => call<{ items: Session[] }>('GET', '/api/v1/me/sessions'),
      revokeSession: (id: string) => call<void>('DELETE', `/api/v1/me/sessions/${encodeURIComponent(id)}`),
    },
    institutions: {
      create: (body: CreateInstitutionBody) => call<Institution>('POST', '/api/v1/institutions', body),
      list: () => call<{ items: InstitutionSummary[] }>('GET', '/api/v1/institutions'),
      get: (id: string) => call<Institution>('GET', inst(id)),
      update: (id: string, body: UpdateInstitutionBody) => call<Institution>('PATCH', inst(id), body),
      members: (id: string) => call<{ items: Member[] }>('GET', `${inst(id)}/members`),
      updateMember: (id: string, userId: string, body: UpdateMemberBody) =>
        call<Member>('PATCH', `${inst(id)}/members/${encodeURIComponent(userId)}`, body),
      removeMember: (id: string, userId: string) => call<void>('DELETE', `${inst(id)}/members/${encodeURIComponent(userId)}`),
      invite: (id: string, body: CreateInvitationBody) => call<Invitation>('POST', `${inst(id)}/invitations`, body),
      invitations: (id: string) => call<{ items: Invitation[] }>('GET', `${inst(id)}/invitations`),
      revokeInvitation: (id: string, invitationId: string) =>
        call<void>('DELETE', `${inst(id)}/invitations/${encodeURIComponent(invitationId)}`),
      audit: (id: string, query: Partial<AuditQuery> = {}) => call<Page<AuditEntry>>('GET', `${inst(id)}/audit`, undefined, query),
    },
    structure: {
      list: <K extends StructureKind>(id: string, kind: K, query: Partial<ClassQuery> = {}) =>
        call<Page<Units[K]>>('GET', `${inst(id)}/${kind}`, undefined, query as Query),
      create: <K extends StructureKind>(id: string, kind: K, body: UnitCreates[K]) => call<Units[K]>('POST', `${inst(id)}/${kind}`, body),
      get: <K extends StructureKind>(id: string, kind: K, unitId: string) => call<Units[K]>('GET', unit(id, kind, unitId)),
      update: <K extends StructureKind>(id: string, kind: K, unitId: string, body: UnitUpdates[K]) =>
        call<Units[K]>('PATCH', unit(id, kind, unitId), body),
      remove: (id: string, kind: StructureKind, unitId: string) => call<void>('DELETE', unit(id, kind, unitId)),
    },
    students: {
      list: (id: string, query: Partial<StudentQuery> = {}) => call<Page<Student>>('GET', `${inst(id)}/students`, undefined, query),
      create: (id: string, body: CreateStudentBody) => call<Student>('POST', `${inst(id)}/students`, body),
      get: (id: string, studentId: string) => call<Student>('GET', student(id, studentId)),
      update: (id: string, studentId: string, body: UpdateStudentBody) => call<Student>('PATCH', student(id, studentId), body),
      remove: (id: string, studentId: string) => call<void>('DELETE', student(id, studentId)),
      linkGuardian: (id: string, studentId: string, userId: string, body: GuardianBody = {}) =>
        call<Student>('PUT', `${student(id, studentId)}/guardians/${encodeURIComponent(userId)}`, body),
      unlinkGuardian: (id: string, studentId: string, userId: string) =>
        call<void>('DELETE', `${student(id, studentId)}/guardians/${encodeURIComponent(userId)}`),
      enrol: (id: string, classId: string, studentIds: string[]) =>
        call<{ enrolled: string[] }>('POST', `${unit(id, 'classes', classId)}/enrolments`, { studentIds }),
      unenrol: (id: string, classId: string, studentId: string) =>
        call<void>('DELETE', `${unit(id, 'classes', classId)}/enrolments/${encodeURIComponent(studentId)}`),
    },
    timetable: {
      list: (id: string, query: Partial<TimetableQuery> = {}) =>
        call<{ items: Period[] }>('GET', `${inst(id)}/timetable`, undefined, query),
      createPeriod: (id: string, body: CreatePeriodBody) => call<Period>('POST', `${inst(id)}/timetable/periods`, body),
      updatePeriod: (id: string, periodId: string, body: UpdatePeriodBody) =>
        call<Period>('PATCH', `${inst(id)}/timetable/periods/${encodeURIComponent(periodId)}`, body),
      removePeriod: (id: string, periodId: string) => call<void>('DELETE', `${inst(id)}/timetable/periods/${encodeURIComponent(periodId)}`),
      createFeed: (id: string, body: CreateFeedBody) => call<CalendarFeed>('POST', `${inst(id)}/timetable/feeds`, body),
      feeds: (id: string) => call<{ items: CalendarFeed[] }>('GET', `${inst(id)}/timetable/feeds`),
      revokeFeed: (id: string, feedId: string) => call<void>('DELETE', `${inst(id)}/timetable/feeds/${encodeURIComponent(feedId)}`),
    },
    settings: {
      gradingScale: (id: string) => call<GradingScale>('GET', `${inst(id)}/settings/grading-scale`),
      /** The image's bytes (PNG or JPEG, at most 2 MB); answers the new versioned logo URL. */
      uploadLogo: (id: string, image: Blob) => call<{ logoUrl: string }>('PUT', `${inst(id)}/settings/logo`, image),
      removeLogo: (id: string) => call<void>('DELETE', `${inst(id)}/settings/logo`),
      updateGradingScale: (id: string, body: UpdateGradingScaleBody) =>
        call<GradingScale>('PUT', `${inst(id)}/settings/grading-scale`, body),
    },
    announcements: {
      list: (id: string, query: Partial<AnnouncementQuery> = {}) =>
        call<Page<Announcement>>('GET', `${inst(id)}/announcements`, undefined, query),
      create: (id: string, body: CreateAnnouncementBody) => call<Announcement>('POST', `${inst(id)}/announcements`, body),
      remove: (id: string, announcementId: string) =>
        call<void>('DELETE', `${inst(id)}/announcements/${encodeURIComponent(announcementId)}`),
    },
    courses: {
      list: (id: string, query: Partial<CourseQuery> = {}) => call<Page<Course>>('GET', `${inst(id)}/courses`, undefined, query as Query),
      create: (id: string, body: CreateCourseBody) => call<Course>('POST', `${inst(id)}/courses`, body),
      /** The course with its modules and lessons (learners: published lessons only). */
      get: (id: string, courseId: string) => call<CourseOutline>('GET', course(id, courseId)),
      update: (id: string, courseId: string, body: UpdateCourseBody) => call<Course>('PATCH', course(id, courseId), body),
      remove: (id: string, courseId: string) => call<void>('DELETE', course(id, courseId)),
      addModule: (id: string, courseId: string, body: CreateModuleBody) =>
        call<CourseModule>('POST', `${course(id, courseId)}/modules`, body),
      updateModule: (id: string, courseId: string, moduleId: string, body: UpdateModuleBody) =>
        call<CourseModule>('PATCH', `${course(id, courseId)}/modules/${encodeURIComponent(moduleId)}`, body),
      removeModule: (id: string, courseId: string, moduleId: string) =>
        call<void>('DELETE', `${course(id, courseId)}/modules/${encodeURIComponent(moduleId)}`),
      reorderModules: (id: string, courseId: string, ids: string[]) =>
        call<CourseOutline>('PUT', `${course(id, courseId)}/modules/order`, { ids }),
      addLesson: (id: string, courseId: string, moduleId: string, body: CreateLessonBody) =>
        call<Lesson>('POST', `${course(id, courseId)}/modules/${encodeURIComponent(moduleId)}/lessons`, body),
      updateLesson: (id: string, courseId: string, lessonId: string, body: UpdateLessonBody) =>
        call<Lesson>('PATCH', `${course(id, courseId)}/lessons/${encodeURIComponent(lessonId)}`, body),
      removeLesson: (id: string, courseId: string, lessonId: string) =>
        call<void>('DELETE', `${course(id, courseId)}/lessons/${encodeURIComponent(lessonId)}`),
      reorderLessons: (id: string, courseId: string, moduleId: string, ids: string[]) =>
        call<CourseOutline>('PUT', `${course(id, courseId)}/modules/${encodeURIComponent(moduleId)}/lessons/order`, { ids }),
      enrolments: (id: string, courseId: string) => call<CourseEnrolment[]>('GET', `${course(id, courseId)}/enrolments`),
      enrol: (id: string, courseId: string, body: CourseEnrolBody) =>
        call<CourseEnrolment[]>('POST', `${course(id, courseId)}/enrolments`, body),
      unenrol: (id: string, courseId: string, userId: string) =>
        call<void>('DELETE', `${course(id, courseId)}/enrolments/${encodeURIComponent(userId)}`),
      newJoinCode: (id: string, courseId: string) => call<Course>('POST', `${course(id, courseId)}/join-code`),
      removeJoinCode: (id: string, courseId: string) => call<Course>('DELETE', `${course(id, courseId)}/join-code`),
      join: (id: string, code: string) => call<Course>('POST', `${inst(id)}/courses/join`, { code }),
      progress: (id: string, courseId: string) => call<CourseProgress>('GET', `${course(id, courseId)}/progress`),
      /** With `keepalive`, the report survives the page closing (time spent is sent on pagehide). */
      recordProgress: (id: string, courseId: string, lessonId: string, body: RecordProgressBody, options?: { keepalive?: boolean }) =>
        call<CourseProgress>('PUT', `${course(id, courseId)}/lessons/${encodeURIComponent(lessonId)}/progress`, body, undefined, options),
      setPrerequisites: (id: string, courseId: string, body: SetPrerequisitesBody) =>
        call<CourseOutline>('PUT', `${course(id, courseId)}/prerequisites`, body),
      setModulePrerequisites: (id: string, courseId: string, moduleId: string, body: SetPrerequisitesBody) =>
        call<CourseOutline>('PUT', `${course(id, courseId)}/modules/${encodeURIComponent(moduleId)}/prerequisites`, body),
      learningPath: (id: string) => call<CourseGraph>('GET', `${inst(id)}/learning-path`),
      questions: (id: string, courseId: string, tag?: string) =>
        call<Question[]>('GET', `${course(id, courseId)}/questions`, undefined, { tag }),
      addQuestion: (id: string, courseId: string, body: CreateQuestionBody) =>
        call<Question>('POST', `${course(id, courseId)}/questions`, body),
      updateQuestion: (id: string, courseId: string, questionId: string, body: CreateQuestionBody) =>
        call<Question>('PUT', `${course(id, courseId)}/questions/${encodeURIComponent(questionId)}`, body),
      removeQuestion: (id: string, courseId: string, questionId: string) =>
        call<void>('DELETE', `${course(id, courseId)}/questions/${encodeURIComponent(questionId)}`),
      /** A QTI package (zip bytes) or one item (XML text). */
      importQuestions: (id: string, courseId: string, file: Blob) =>
        call<{ imported: Question[]; created: number; updated: number; errors: { file: string; message: string }[] }>(
          'POST',
          `${course(id, courseId)}/questions/import`,
          file,
        ),
      exportQuestions: (id: string, courseId: string, version: '2.1' | '3.0' = '2.1') =>
        call<Blob>('GET', `${course(id, courseId)}/questions/export`, undefined, { version }),
      quizzes: (id: string, courseId: string) => call<Quiz[]>('GET', `${course(id, courseId)}/quizzes`),
      createQuiz: (id: string, courseId: string, body: CreateQuizBody) => call<Quiz>('POST', `${course(id, courseId)}/quizzes`, body),
      updateQuiz: (id: string, courseId: string, quizId: string, body: UpdateQuizBody) =>
        call<Quiz>('PATCH', `${course(id, courseId)}/quizzes/${encodeURIComponent(quizId)}`, body),
      removeQuiz: (id: string, courseId: string, quizId: string) =>
        call<void>('DELETE', `${course(id, courseId)}/quizzes/${encodeURIComponent(quizId)}`),
      startAttempt: (id: string, courseId: string, quizId: string) =>
        call<QuizAttempt>('POST', `${course(id, courseId)}/quizzes/${encodeURIComponent(quizId)}/attempts`),
      attempts: (id: string, courseId: string, quizId: string) =>
        call<QuizAttempt[]>('GET', `${course(id, courseId)}/quizzes/${encodeURIComponent(quizId)}/attempts`),
      attempt: (id: string, courseId: string, quizId: string, attemptId: string) =>
        call<QuizAttempt>('GET', `${course(id, courseId)}/quizzes/${encodeURIComponent(quizId)}/attempts/${encodeURIComponent(attemptId)}`),
      answer: (id: string, courseId: string, quizId: string, attemptId: string, questionId: string, response: AnswerBody['response']) =>
        call<QuizAttempt>(
          'PUT',
          `${course(id, courseId)}/quizzes/${encodeURIComponent(quizId)}/attempts/${encodeURIComponent(attemptId)}/answers/${encodeURIComponent(questionId)}`,
          { response },
        ),
      submitAttempt: (id: string, courseId: string, quizId: string, attemptId: string) =>
        call<QuizAttempt>(
          'POST',
          `${course(id, courseId)}/quizzes/${encodeURIComponent(quizId)}/attempts/${encodeURIComponent(attemptId)}/submit`,
        ),
      gradeAnswer: (id: string, courseId: string, quizId: string, attemptId: string, questionId: string, body: ManualGradeBody) =>
        call<QuizAttempt>(
          'PUT',
          `${course(id, courseId)}/quizzes/${encodeURIComponent(quizId)}/attempts/${encodeURIComponent(attemptId)}/questions/${encodeURIComponent(questionId)}/grade`,
          body,
        ),
      /** Uploads a file lesson's file (its type from the Blob). */
      uploadLessonFile: (id: string, courseId: string, lessonId: string, file: Blob, name: string) =>
        call<{ name: string; type: string; size: number }>(
          'PUT',
          `${course(id, courseId)}/lessons/${encodeURIComponent(lessonId)}/file`,
          file,
          {
            name,
          },
        ),
      removeLessonFile: (id: string, courseId: string, lessonId: string) =>
        call<void>('DELETE', `${course(id, courseId)}/lessons/${encodeURIComponent(lessonId)}/file`),
      lessonFile: (id: string, courseId: string, lessonId: string) =>
        call<Blob>('GET', `${course(id, courseId)}/lessons/${encodeURIComponent(lessonId)}/file`, undefined, undefined, { blob: true }),
      gradebook: (id: string, courseId: string) => call<CourseGradebook>('GET', `${course(id, courseId)}/gradebook`),
      gradebookCsv: (id: string, courseId: string) => call<string>('GET', `${course(id, courseId)}/gradebook.csv`),
      setGradebookCategories: (id: string, courseId: string, body: SetGradebookCategoriesBody) =>
        call<CourseGradebook>('PUT', `${course(id, courseId)}/gradebook/categories`, body),
      overrideGrade: (id: string, courseId: string, userId: string, body: GradeOverrideBody) =>
        call<CourseGradebook>('PUT', `${course(id, courseId)}/gradebook/overrides/${encodeURIComponent(userId)}`, body),
      /** Sends every learner's course total to the Hub's grades for a term (one assessment per class). */
      releaseGrades: (id: string, courseId: string, body: ReleaseCourseGradesBody) =>
        call<CourseGradesRelease>('POST', `${course(id, courseId)}/gradebook/release`, body),
      analytics: (id: string, courseId: string) => call<CourseAnalytics>('GET', `${course(id, courseId)}/analytics`),
      achievements: (id: string) => call<Achievements>('GET', `${inst(id)}/achievements`),
      leaderboard: (id: string, courseId?: string) => call<Leaderboard>('GET', `${inst(id)}/leaderboard`, undefined, { courseId }),
      platformLeaderboard: () => call<Leaderboard>('GET', '/api/v1/leaderboard'),
      hideFromLeaderboards: (hidden: boolean) => call<{ hidden: boolean }>('PUT', '/api/v1/me/leaderboards', { hidden }),
      membersProgress: (id: string, courseId: string) => call<CourseProgressSummary>('GET', `${course(id, courseId)}/progress/members`),
    },
    assignments: {
      list: (id: string, courseId: string) => call<Assignment[]>('GET', `${course(id, courseId)}/assignments`),
      get: (id: string, courseId: string, assignmentId: string) => call<Assignment>('GET', assignment(id, courseId, assignmentId)),
      create: (id: string, courseId: string, body: CreateAssignmentBody) =>
        call<Assignment>('POST', `${course(id, courseId)}/assignments`, body),
      update: (id: string, courseId: string, assignmentId: string, body: UpdateAssignmentBody) =>
        call<Assignment>('PATCH', assignment(id, courseId, assignmentId), body),
      remove: (id: string, courseId: string, assignmentId: string) => call<void>('DELETE', assignment(id, courseId, assignmentId)),
      /** The caller's own submission (a learner). */
      mine: (id: string, courseId: string, assignmentId: string) =>
        call<Submission>('GET', `${assignment(id, courseId, assignmentId)}/submission`),
      /** A new version with this text (the file, if any, carries over). */
      submitText: (id: string, courseId: string, assignmentId: string, text: string) =>
        call<Submission>('PUT', `${assignment(id, courseId, assignmentId)}/submission/text`, { text }),
      /** A new version with this file, typed by the Blob (the text carries over). */
      submitFile: (id: string, courseId: string, assignmentId: string, file: Blob, name: string) =>
        call<Submission>('PUT', `${assignment(id, courseId, assignmentId)}/submission/file`, file, { name }),
      /** Every enrolled learner's submission (editors). */
      submissions: (id: string, courseId: string, assignmentId: string) =>
        call<Submission[]>('GET', `${assignment(id, courseId, assignmentId)}/submissions`),
      submissionOf: (id: string, courseId: string, assignmentId: string, userId: string) =>
        call<Submission>('GET', `${assignment(id, courseId, assignmentId)}/submissions/${encodeURIComponent(userId)}`),
      submissionFile: (id: string, courseId: string, assignmentId: string, userId: string) =>
        call<Blob>(
          'GET',
          `${assignment(id, courseId, assignmentId)}/submissions/${encodeURIComponent(userId)}/file`,
          undefined,
          undefined,
          {
            blob: true,
          },
        ),
      grade: (id: string, courseId: string, assignmentId: string, userId: string, body: GradeSubmissionBody) =>
        call<Submission>('PUT', `${assignment(id, courseId, assignmentId)}/submissions/${encodeURIComponent(userId)}/grade`, body),
      /** Shows the grades and feedback to learners. */
      release: (id: string, courseId: string, assignmentId: string) =>
        call<Assignment>('POST', `${assignment(id, courseId, assignmentId)}/release`),
      peerReviews: (id: string, courseId: string, assignmentId: string) =>
        call<PeerReviews>('GET', `${assignment(id, courseId, assignmentId)}/peer-reviews`),
      review: (id: string, courseId: string, assignmentId: string, reviewId: string, body: PeerReviewBody) =>
        call<ReviewTask>('PUT', `${assignment(id, courseId, assignmentId)}/peer-reviews/${encodeURIComponent(reviewId)}`, body),
      reviewFile: (id: string, courseId: string, assignmentId: string, reviewId: string) =>
        call<Blob>(
          'GET',
          `${assignment(id, courseId, assignmentId)}/peer-reviews/${encodeURIComponent(reviewId)}/file`,
          undefined,
          undefined,
          {
            blob: true,
          },
        ),
    },
    catalogue: {
      list: (query: Partial<CatalogueQuery> = {}) => call<Page<CatalogueEntry>>('GET', '/api/v1/catalogue', undefined, query as Query),
      get: (courseId: string) => call<CatalogueCourse>('GET', `/api/v1/catalogue/${encodeURIComponent(courseId)}`),
    },
    grades: {
      assessments: (id: string, classId: string, query: AssessmentQuery = {}) =>
        call<Assessment[]>('GET', `${unit(id, 'classes', classId)}/assessments`, undefined, query as Query),
      createAssessment: (id: string, classId: string, body: CreateAssessmentBody) =>
        call<Assessment>('POST', `${unit(id, 'classes', classId)}/assessments`, body),
      updateAssessment: (id: string, assessmentId: string, body: UpdateAssessmentBody) =>
        call<Assessment>('PATCH', `${inst(id)}/assessments/${encodeURIComponent(assessmentId)}`, body),
      deleteAssessment: (id: string, assessmentId: string) =>
        call<void>('DELETE', `${inst(id)}/assessments/${encodeURIComponent(assessmentId)}`),
      gradebook: (id: string, classId: string, query: GradebookQuery) =>
        call<Gradebook>('GET', `${unit(id, 'classes', classId)}/gradebook`, undefined, query as Query),
      enterMarks: (id: string, classId: string, body: EnterMarksBody) =>
        call<EnterMarksResult>('PUT', `${unit(id, 'classes', classId)}/marks`, body),
      ofStudent: (id: string, studentId: string, termId: string) =>
        call<StudentGrades>('GET', `${student(id, studentId)}/grades`, undefined, { termId }),
      /** The report card as a PDF. */
      reportCard: (id: string, studentId: string, termId: string) =>
        call<Blob>('GET', `${student(id, studentId)}/report-card`, undefined, { termId }),
    },
    /** The caller's dashboard, shaped by their role in the institution. */
    dashboard: (id: string) => call<Dashboard>('GET', `${inst(id)}/dashboard`),
    attendance: {
      take: (id: string, classId: string, date: string, body: TakeAttendanceBody, periodId?: string) =>
        call<AttendanceSession>('PUT', `${unit(id, 'classes', classId)}/attendance/${date}`, body, { periodId }),
      get: (id: string, classId: string, date: string, periodId?: string) =>
        call<AttendanceSession>('GET', `${unit(id, 'classes', classId)}/attendance/${date}`, undefined, { periodId }),
      report: (id: string, query: AttendanceReportQuery) =>
        call<AttendanceReport>('GET', `${inst(id)}/attendance/report`, undefined, query as unknown as Query),
      settings: (id: string) => call<AttendanceSettings>('GET', `${inst(id)}/attendance/settings`),
      updateSettings: (id: string, alertBelow: number) =>
        call<AttendanceSettings>('PUT', `${inst(id)}/attendance/settings`, { alertBelow }),
    },
    imports: {
      create: (id: string, body: CreateImportBody) => call<RosterImport>('POST', `${inst(id)}/imports`, body),
      list: (id: string) => call<{ items: RosterImport[] }>('GET', `${inst(id)}/imports`),
      get: (id: string, importId: string) => call<RosterImport>('GET', `${inst(id)}/imports/${encodeURIComponent(importId)}`),
    },
    staff: {
      list: (id: string, query: Partial<StaffQuery> = {}) => call<Page<StaffMember>>('GET', `${inst(id)}/staff`, undefined, query),
      create: (id: string, body: CreateStaffBody) => call<StaffMember>('POST', `${inst(id)}/staff`, body),
      get: (id: string, staffId: string) => call<StaffMember>('GET', staffPath(id, staffId)),
      update: (id: string, staffId: string, body: UpdateStaffBody) => call<StaffMember>('PATCH', staffPath(id, staffId), body),
      remove: (id: string, staffId: string) => call<void>('DELETE', staffPath(id, staffId)),
    },
    academicYears: {
      list: (id: string, archived: 'false' | 'true' | 'all' = 'false') =>
        call<{ items: AcademicYear[] }>('GET', `${inst(id)}/academic-years`, undefined, { archived }),
      create: (id: string, body: CreateAcademicYearBody) => call<AcademicYear>('POST', `${inst(id)}/academic-years`, body),
      get: (id: string, yearId: string) => call<AcademicYear>('GET', year(id, yearId)),
      update: (id: string, yearId: string, body: UpdateAcademicYearBody) => call<AcademicYear>('PATCH', year(id, yearId), body),
      remove: (id: string, yearId: string) => call<void>('DELETE', year(id, yearId)),
      addTerm: (id: string, yearId: string, body: TermBody) => call<AcademicYear>('POST', `${year(id, yearId)}/terms`, body),
      updateTerm: (id: string, yearId: string, termId: string, body: UpdateTermBody) =>
        call<AcademicYear>('PATCH', `${year(id, yearId)}/terms/${encodeURIComponent(termId)}`, body),
      removeTerm: (id: string, yearId: string, termId: string) =>
        call<AcademicYear>('DELETE', `${year(id, yearId)}/terms/${encodeURIComponent(termId)}`),
    },
    webhooks: {
      list: (id: string) => call<{ items: Webhook[] }>('GET', `${inst(id)}/webhooks`),
      create: (id: string, body: CreateWebhookBody) => call<WebhookWithSecret>('POST', `${inst(id)}/webhooks`, body),
      get: (id: string, webhookId: string) => call<Webhook>('GET', hook(id, webhookId)),
      update: (id: string, webhookId: string, body: UpdateWebhookBody) => call<Webhook>('PATCH', hook(id, webhookId), body),
      remove: (id: string, webhookId: string) => call<void>('DELETE', hook(id, webhookId)),
      rotateSecret: (id: string, webhookId: string) => call<WebhookWithSecret>('POST', `${hook(id, webhookId)}/rotate-secret`, {}),
      ping: (id: string, webhookId: string) => call<WebhookDelivery>('POST', `${hook(id, webhookId)}/ping`, {}),
      deliveries: (id: string, webhookId: string, query: Partial<WebhookDeliveryQuery> = {}) =>
        call<Page<WebhookDelivery>>('GET', `${hook(id, webhookId)}/deliveries`, undefined, query),
      delivery: (id: string, webhookId: string, deliveryId: string) =>
        call<WebhookDeliveryDetail>('GET', `${hook(id, webhookId)}/deliveries/${encodeURIComponent(deliveryId)}`),
      redeliver: (id: string, webhookId: string, deliveryId: string) =>
        call<WebhookDelivery>('POST', `${hook(id, webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {}),
    },
    invitations: {
      preview: (token: string) => send<InvitationPreview>('POST', '/api/v1/invitations/preview', { token }),
      accept: async (body: AcceptInvitationBody) => {
        const result = await (accessToken ? call : send)<AcceptInvitationResult>('POST', '/api/v1/invitations/accept', body);
        if (result.auth) remember(result.auth);
        return result;
      },
    },
    notifications: {
      list: (query: Partial<NotificationQuery> = {}) => call<Page<Notification>>('GET', '/api/v1/notifications', undefined, query),
      unreadCount: () => call<{ count: number }>('GET', '/api/v1/notifications/unread-count'),
      markRead: (id: string) => call<void>('POST', `/api/v1/notifications/${encodeURIComponent(id)}/read`, {}),
      markAllRead: () => call<void>('POST', '/api/v1/notifications/read-all', {}),
      settings: () => call<NotificationSettings>('GET', '/api/v1/me/notification-settings'),
      updateSettings: (body: UpdateNotificationSettingsBody) => call<NotificationSettings>('PUT', '/api/v1/me/notification-settings', body),
      pushPublicKey: () => call<PushPublicKey>('GET', '/api/v1/push/public-key'),
      subscribePush: (body: PushSubscriptionBody) => call<void>('POST', '/api/v1/me/push-subscriptions', body),
      unsubscribePush: (endpoint: string) => call<void>('DELETE', '/api/v1/me/push-subscriptions', { endpoint }),
    },
    chat: {
      list: (query: Partial<ConversationQuery> = {}) => call<Page<Conversation>>('GET', '/api/v1/conversations', undefined, query),
      /** Unread over all one's conversations (the list holds only a page of them). */
      unread: () => call<ChatUnread>('GET', '/api/v1/conversations/unread'),
      get: (id: string) => call<ConversationDetail>('GET', conv(id)),
      /** The direct conversation with someone, created on first use. */
      direct: (userId: string) => call<ConversationDetail>('POST', '/api/v1/conversations/direct', { userId }),
      createGroup: (body: CreateGroupBody) => call<ConversationDetail>('POST', '/api/v1/conversations/group', body),
      rename: (id: string, title: string) => call<ConversationDetail>('PATCH', conv(id), { title }),
      addMembers: (id: string, body: AddMembersBody) => call<ConversationDetail>('POST', `${conv(id)}/members`, body),
      setRole: (id: string, userId: string, role: ChatMemberRole) =>
        call<ConversationDetail>('PATCH', `${conv(id)}/members/${encodeURIComponent(userId)}`, { role }),
      removeMember: (id: string, userId: string) => call<void>('DELETE', `${conv(id)}/members/${encodeURIComponent(userId)}`),
      leave: (id: string) => call<void>('POST', `${conv(id)}/leave`, {}),
      markRead: (id: string, seq: number) => call<{ lastReadSeq: number; unreadCount: number }>('POST', `${conv(id)}/read`, { seq }),
      /** The HTTP fallback of the socket's chat:send; the same clientId never makes a second message. */
      send: (id: string, body: SendMessageBody) => call<Message>('POST', `${conv(id)}/messages`, body),
      messages: (id: string, query: Partial<MessageQuery> = {}) => call<MessagePage>('GET', `${conv(id)}/messages`, undefined, query),
      search: (id: string, query: Pick<MessageSearchQuery, 'q'> & Partial<MessageSearchQuery>) =>
        call<MessagePage>('GET', `${conv(id)}/messages/search`, undefined, query),
      thread: (id: string, messageId: string, query: { after?: number; limit?: number } = {}) =>
        call<MessagePage & { root: Message }>('GET', `${msg(id, messageId)}/thread`, undefined, query),
      edit: (id: string, messageId: string, body: EditMessageBody) => call<Message>('PATCH', msg(id, messageId), body),
      remove: (id: string, messageId: string) => call<Message>('DELETE', msg(id, messageId)),
      react: (id: string, messageId: string, emoji: ReactionEmoji) =>
        call<Message>('PUT', `${msg(id, messageId)}/reactions/${encodeURIComponent(emoji)}`, {}),
      unreact: (id: string, messageId: string, emoji: ReactionEmoji) =>
        call<Message>('DELETE', `${msg(id, messageId)}/reactions/${encodeURIComponent(emoji)}`),
      /** Uploads a file to send with a message (its type from the Blob). */
      upload: (id: string, file: Blob, name: string) => call<Attachment>('POST', `${conv(id)}/attachments`, file, { name }),
      attachment: (id: string, attachmentId: string) =>
        call<Blob>('GET', `${conv(id)}/attachments/${encodeURIComponent(attachmentId)}`, undefined, undefined, { blob: true }),
    },
    social: socialApi(call),
    admin: {
      setPlatformRoles: (userId: string, roles: PlatformRole[]) =>
        call<User>('PUT', `/api/v1/admin/users/${encodeURIComponent(userId)}/platform-roles`, { roles }),
    },
    dev: {
      mail: (to?: string) => send<{ items: DevMail[] }>('GET', '/api/v1/dev/mail', undefined, { to }),
    },
  };
}

export type ApiClient = ReturnType<typeof createClient>;
