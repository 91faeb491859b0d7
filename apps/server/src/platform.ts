// The composition root: builds every kernel component and module from configuration, wired by hand.

import { eventCatalog } from '@edumatrix/contracts';
import type { PGlite } from '@electric-sql/pglite';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import { uuidv7 } from 'uuidv7';
import { allMigrations } from './modules/all-migrations.ts';
import { conversationsRoutes, createChatServices, messagesRoutes, registerChatSocket } from './modules/chat/index.ts';
import {
  assignmentsRoutes,
  coLearnersOf,
  coursesConsumer,
  coursesPermissions,
  coursesRoutes,
  createAnalyticsService,
  createAssignmentsService,
  createCatalogueService,
  createCoursesService,
  createEnrolmentService,
  createGamificationService,
  createGradebookService,
  createLessonFilesService,
  createOutlineService,
  createPathsService,
  createPeerReviewsService,
  createProgressService,
  createQuestionsService,
  createQuizzesService,
  createSubmissionsService,
  gamificationConsumer,
  lessonFilesRoutes,
  questionsRoutes,
  quizzesRoutes,
  sendDueReminders,
} from './modules/courses/index.ts';
import { createIdentityService, type IdentityService, identityRoutes, liveSessionsConsumer } from './modules/identity/index.ts';
import {
  announcementsRoutes,
  attendanceRoutes,
  classmatesOf,
  courseGradesConsumer,
  createAcademicYearsService,
  createAnnouncementsService,
  createAttendanceService,
  createDashboardsService,
  createGradesService,
  createGradingScaleService,
  createInstitutionsService,
  createLogoService,
  createRosterService,
  createStaffService,
  createStructureService,
  createStudentsService,
  createTimetableService,
  dashboardsConsumer,
  dashboardsRoutes,
  gradesRoutes,
  institutionsPermissions,
  institutionsRoutes,
  liveMembersConsumer,
  MEMBER_EVENT_TYPES,
  memberChangedPush,
  peopleRoutes,
  rosterRoutes,
  settingsRoutes,
  structureRoutes,
  timetableRoutes,
} from './modules/institutions/index.ts';
import {
  channelsRoutes,
  createNotificationsService,
  createPushSender,
  createPushSubscriptionsService,
  createSettingsService,
  notificationsConsumer,
  notificationsRoutes,
  startChannelSender,
} from './modules/notifications/index.ts';
import {
  avatarRoutes,
  createAvatars,
  createLinkPreviews,
  createPostImages,
  createSocialModule,
  linkPreviewRoutes,
  liveFeedConsumer,
  postImagesRoutes,
  postsRoutes,
  type SearchDeps,
  searchIndexConsumer,
  searchRoutes,
  socialRoutes,
} from './modules/social/index.ts';
import {
  createWebhooksService,
  startWebhookDispatcher,
  type WebhookDispatcher,
  webhooksConsumer,
  webhooksPermissions,
  webhooksRoutes,
} from './modules/webhooks/index.ts';
import { createAccessTokens } from './platform/auth/access-tokens.ts';
import { type Access, mergePermissions, type PermissionTable } from './platform/auth/permissions.ts';
import { resolveSigningSecret } from './platform/auth/signing-secret.ts';
import { connectRedis, createRedisRateLimiter } from './platform/cache/redis.ts';
import type { Config } from './platform/config.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import type { Consumer } from './platform/events/consumer.ts';
import { deadLetterRoutes } from './platform/events/dead-letters.routes.ts';
import { createDeadLetters, type DeadLetters } from './platform/events/dead-letters.ts';
import { eventsAfter } from './platform/events/event-log.ts';
import { createEventMetrics } from './platform/events/event-metrics.ts';
import { type EventWorker, startEventWorker } from './platform/events/event-worker.ts';
import { createJetStreamBus, type JetStreamBus } from './platform/events/jetstream.ts';
import { connectNats } from './platform/events/nats.ts';
import { type Catalog, createEventPublisher, type EventPublisher } from './platform/events/outbox.ts';
import { createSignals } from './platform/events/signals.ts';
import { AppError } from './platform/http/app-error.ts';
import { isUuid } from './platform/http/cursor.ts';
import { createGuards, type Guard } from './platform/http/guards.ts';
import { healthRoutes, type ReadinessCheck } from './platform/http/health.ts';
import { registerErrorHandler, registerNotFoundHandler } from './platform/http/problem.ts';
import { serveWebApp } from './platform/http/static-web.ts';
import type { HttpApp } from './platform/http/types.ts';
import { type PollLoop, startPollLoop } from './platform/jobs/poll-loop.ts';
import { createMailer, type Mailer } from './platform/mail/mailer.ts';
import type { Migration } from './platform/migrations/migration.ts';
import { migrate } from './platform/migrations/runner.ts';
import { runWithContext } from './platform/observability/context.ts';
import { createLogger, type Logger } from './platform/observability/logger.ts';
import { createMetrics } from './platform/observability/metrics.ts';
import { createMemoryRateLimiter } from './platform/ratelimit/rate-limiter.ts';
import { createGateway, type Gateway } from './platform/realtime/gateway.ts';
import { presenceRoutes } from './platform/realtime/presence.routes.ts';
import { createMemoryPresence, createRedisPresence } from './platform/realtime/presence.ts';
import { createResilience } from './platform/resilience/resilience.ts';
import { createStorage, type Storage } from './platform/storage/storage.ts';

export type PlatformOptions = {
  config: Config;
  /** Tests hand in a cloned, already migrated PGlite. */
  pglite?: PGlite;
  /** Tests add migrations (for example a failing tenant migration). */
  extraMigrations?: Migration[];
  webDistDir?: string | null;
  logger?: Logger;
  /** Tests add event types and consumer groups of their own. */
  extraEvents?: Catalog;
  consumers?: Consumer[];
  /** Tests move the clock of time-driven notification rules (quiet hours, grouping, digests). */
  now?: () => Date;
};

export type RouteAccess = { method: string; url: string; access: Access };

export type Platform = {
  app: HttpApp;
  config: Config;
  database: Database;
  mailer: Mailer;
  /** Uploaded files (local disk or S3), for tests to look at what was stored. */
  storage: Storage;
  identity: IdentityService;
  events: { publisher: EventPublisher; deadLetters: DeadLetters; worker: EventWorker | null };
  gateway(): Gateway | null;
  permissions: PermissionTable;
  routes: RouteAccess[];
  close(): Promise<void>;
};

function accessOf(hooks: unknown): Access | undefined {
  const handlers = Array.isArray(hooks) ? hooks : [hooks];
  return handlers.find((h): h is Guard => typeof h === 'function' && 'access' in h)?.access;
}

export async function createPlatform(options: PlatformOptions): Promise<Platform> {
  const { config } = options;
  const log = options.logger ?? createLogger(config);
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolMax: config.DATABASE_POOL_MAX,
    ...(options.pglite ? { pglite: options.pglite } : {}),
  });
  const { db } = database;
  const migrations = [...allMigrations, ...(options.extraMigrations ?? [])];
  if (config.MIGRATE_ON_START) {
    await migrate(db, migrations, { onProgress: (schema, name) => log.info({ schema, migration: name }, 'applying migration') });
  }

  const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const tokens = createAccessTokens(await resolveSigningSecret(db, config.JWT_SECRET), config.ACCESS_TOKEN_TTL_SECONDS);
  const redis = config.REDIS_URL ? connectRedis(config.REDIS_URL, log) : null;
  const nats = config.NATS_URL ? connectNats(config.NATS_URL, log) : null;
  const limiter = redis ? createRedisRateLimiter(redis.client, log) : createMemoryRateLimiter();
  const presenceTtlMs = config.PRESENCE_TTL_SECONDS * 1000;
  const presence = redis ? createRedisPresence(redis.client, presenceTtlMs) : createMemoryPresence(presenceTtlMs);
  const metrics = createMetrics(database.poolStats);
  const resilience = createResilience(metrics.registry, {
    attempts: config.OUTBOUND_ATTEMPTS,
    timeoutMs: config.OUTBOUND_TIMEOUT_MS,
    breakerThreshold: config.OUTBOUND_BREAKER_THRESHOLD,
    halfOpenAfterMs: config.OUTBOUND_BREAKER_HALF_OPEN_MS,
  });
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, log, policy: () => resilience.policy('smtp') });
  const postgres = database.kind === 'postgres';
  const signals = await createSignals({ databaseUrl: postgres ? config.DATABASE_URL : undefined, log });
  const publisher = createEventPublisher({ catalog: { ...eventCatalog, ...options.extraEvents }, signals, postgres });

  const identity = createIdentityService({
    db,
    events: publisher,
    tokens,
    mailer,
    limiter,
    publicUrl,
    refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    login: {
      perAccount: config.LOGIN_ATTEMPTS_PER_ACCOUNT,
      perIp: config.LOGIN_ATTEMPTS_PER_IP,
      windowSeconds: config.LOGIN_WINDOW_SECONDS,
    },
  });
  const institutions = createInstitutionsService({
    db,
    events: publisher,
    identity,
    mailer,
    publicUrl,
    tenantMigrations: migrations.filter((m) => m.scope === 'tenant'),
  });
  const roleOf = async (institutionId: string, userId: string) =>
    (await institutions.directory.findMembership(institutionId, userId))?.role ?? null;
  const structure = createStructureService({
    db,
    events: publisher,
    roleOf,
  });
  const academicYears = createAcademicYearsService({ db, events: publisher });
  const peopleDeps = { db, events: publisher, members: institutions.members };
  const students = createStudentsService(peopleDeps);
  const staff = createStaffService(peopleDeps);
  const timetable = createTimetableService({
    db,
    publicUrl,
    roleOf,
    institution: institutions.basics,
    displayName: async (userId) => (await identity.getUsers([userId])).get(userId)?.displayName ?? null,
  });
  const attendance = createAttendanceService({ db, events: publisher, managersOf: institutions.managerIds });
  const announcements = createAnnouncementsService({
    db,
    events: publisher,
    memberIds: async (institutionId) => await institutions.memberIds(institutionId),
  });
  const gradingScale = createGradingScaleService({ db });
  const storage = createStorage(config);
  const logo = createLogoService({
    db,
    storage,
    schemaOf: async (institutionId) => (await institutions.basics(institutionId))?.schema ?? null,
    onCleanupError: (err) => log.warn({ err }, 'could not delete old logo files'),
  });
  const grades = createGradesService({ db, events: publisher, gradingScale });
  const courses = createCoursesService({
    db,
    events: publisher,
    institutionName: async (id) => (await institutions.basics(id))?.name ?? '',
    storage,
  });
  const outline = createOutlineService({ db, courses });
  const enrolmentNames = async (ids: string[]) => new Map([...(await identity.getUsers(ids))].map(([id, u]) => [id, u.displayName]));
  const enrolment = createEnrolmentService({
    db,
    events: publisher,
    courses,
    roleOf,
    displayNames: enrolmentNames,
  });
  const catalogue = createCatalogueService({ db });
  const paths = createPathsService({ db, courses });
  const questions = createQuestionsService({ db, courses });
  const quizzes = createQuizzesService({ db, events: publisher, courses, displayNames: enrolmentNames });
  const analytics = createAnalyticsService({ db, courses });
  const gradebook = createGradebookService({ db, events: publisher, courses, displayNames: enrolmentNames });
  const lessonFiles = createLessonFilesService({ db, storage, courses });
  const assignments = createAssignmentsService({ db, courses, institution: institutions.basics });
  const submissions = createSubmissionsService({ db, events: publisher, storage, courses, assignments, displayNames: enrolmentNames });
  const peerReviews = createPeerReviewsService({ db, storage, assignments, displayNames: enrolmentNames });
  const gamification = createGamificationService({ db, courses, displayNames: enrolmentNames });
  const progress = createProgressService({ db, events: publisher, courses, displayNames: enrolmentNames });
  const dashboards = createDashboardsService({ db, institution: institutions.basics, gradingScale: gradingScale.get });
  let importRunner: PollLoop | null = null;
  let announcementRunner: PollLoop | null = null;
  let reminderRunner: PollLoop | null = null;
  const roster = createRosterService({
    db,
    events: publisher,
    log,
    push: (userId, progress) => gateway?.toUser(userId, 'imports:progress', progress),
    wake: () => importRunner?.wake(),
  });
  // The gateway attaches to the HTTP server once it exists (below); pushes before that go nowhere.
  let gateway: Gateway | null = null;
  const notifications = createNotificationsService({
    db,
    groupWindowMs: config.NOTIFICATION_GROUP_WINDOW_SECONDS * 1000,
    // Social is created below; entries are only presented once the platform runs.
    avatarUrls: (userIds, executor) => social.profiles.avatarUrls(userIds, executor),
    ...(options.now ? { now: options.now } : {}),
    onUnreadChanged: (userId, entry) => {
      if (!gateway) return;
      const live = gateway;
      // A new entry, or a group whose title and count changed: one push of the entry as it is now.
      if (entry) live.toUser(userId, 'notifications:entry', entry);
      void notifications
        .unreadCount(userId)
        .then((count) => live.toUser(userId, 'notifications:unread', { count }))
        .catch((err: unknown) => log.warn({ err }, 'could not push the unread count'));
    },
  });
  const linkPreviews = createLinkPreviews({ db, allowPrivate: config.LINK_PREVIEW_ALLOW_PRIVATE_NETWORKS });
  const socialDeps: SearchDeps = {
    db,
    linkPreviews,
    events: publisher,
    displayNames: enrolmentNames,
    institutionsOf: async (userId) =>
      (await institutions.listMine(userId)).map((i) => ({ institutionId: i.id, name: i.name, role: i.myRole })),
    memberIds: institutions.memberIds,
    // Classmates and fellow learners, looked up in each of the user's institutions (at most 20).
    sharedLearning: async (userId) => {
      const shared = new Map<string, { classes: number; courses: number }>();
      for (const mine of (await institutions.listMine(userId)).slice(0, 20)) {
        const schema = (await institutions.basics(mine.id))?.schema;
        if (!schema) continue;
        const [classes, courses] = await Promise.all([classmatesOf(db, schema, userId, 500), coLearnersOf(db, schema, userId, 500)]);
        for (const id of new Set([...classes.keys(), ...courses.keys()])) {
          const s = shared.get(id) ?? { classes: 0, courses: 0 };
          shared.set(id, { classes: s.classes + (classes.get(id) ?? 0), courses: s.courses + (courses.get(id) ?? 0) });
        }
      }
      return shared;
    },
    searchCourses: async (q, limit) =>
      (await catalogue.list({ q, limit })).items.map((c) => ({
        courseId: c.courseId,
        title: c.title,
        summary: c.summary,
        institutionName: c.institutionName,
      })),
  };
  // Social reads presence to list who of one's connections is online; chat (below) reads it
  // unfiltered, to tell who is offline and should be notified.
  const social = createSocialModule({ ...socialDeps, presence });
  const chat = createChatServices({
    db,
    events: publisher,
    storage,
    presence,
    blockState: social.graph.blockState,
    displayNames: enrolmentNames,
    avatarUrls: social.profiles.avatarUrls,
    live: () => (gateway ? { push: gateway.toRoom, leave: gateway.leave } : null),
  });
  // Notification e-mails and pushes are sent by the worker role; the consumer only queues them.
  const vapid =
    config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY && config.VAPID_SUBJECT
      ? { publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY, subject: config.VAPID_SUBJECT }
      : null;
  let channelSender: PollLoop | null = null;
  const notificationSettings = createSettingsService({ db, pushAvailable: vapid !== null, ...(options.now ? { now: options.now } : {}) });
  const pushSubscriptions = createPushSubscriptionsService({ db, vapidPublicKey: vapid?.publicKey ?? null });
  // Webhook deliveries are sent by the worker role; the API only queues them (and wakes it when local).
  let dispatcher: WebhookDispatcher | null = null;
  const wakeDispatcher = () => dispatcher?.wake();
  const webhooks = createWebhooksService({
    db,
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    requireHttps: config.NODE_ENV === 'production',
    wake: wakeDispatcher,
  });
  const consumers: Consumer[] = [
    notificationsConsumer({
      notifications,
      channels: { pushEnabled: vapid !== null, wake: () => channelSender?.wake(), ...(options.now ? { now: options.now } : {}) },
    }),
    webhooksConsumer({ wake: wakeDispatcher }),
    coursesConsumer({ events: publisher }),
    gamificationConsumer({ events: publisher }),
    liveMembersConsumer(() => (gateway ? { push: gateway.toRoom, leave: gateway.leave } : null)),
    liveSessionsConsumer((room) => gateway?.disconnect(room)),
    dashboardsConsumer(),
    courseGradesConsumer({ events: publisher }),
    searchIndexConsumer(),
    liveFeedConsumer({
      pusher: () => {
        const live = gateway;
        if (!live) return null;
        return {
          online: async (ids) => (await presence.get(ids)).filter((p) => p.online).map((p) => p.userId),
          push: (userId, data) => live.toUser(userId, 'feed:new_post', data),
        };
      },
      memberIds: institutions.memberIds,
      onError: (err) => log.warn({ err }, 'could not push a new post'),
    }),
    ...(options.consumers ?? []),
  ];
  const deadLetters = createDeadLetters(db, consumers);
  // NATS_URL set: events travel through JetStream (set up once the connection is there).
  let bus: Promise<JetStreamBus> | null = null;
  const jetstream = nats
    ? () => {
        const nc = nats.connection();
        if (!nc) return Promise.reject(new Error('nats is not connected'));
        bus ??= createJetStreamBus(nc, config.EVENTS_NAMESPACE).catch((err: unknown) => {
          bus = null;
          throw err;
        });
        return bus;
      }
    : undefined;
  const worker = config.ROLES.includes('worker')
    ? startEventWorker({
        ...(jetstream ? { jetstream } : {}),
        db,
        postgres,
        signals,
        consumers,
        log,
        metrics: createEventMetrics(metrics.registry, db, jetstream ? () => jetstream().then((b) => b.pending()) : undefined),
        leaseSeconds: config.EVENT_LEASE_SECONDS,
        retry: {
          p0: { attempts: config.EVENT_RETRY_ATTEMPTS_HIGH, baseMs: config.EVENT_RETRY_BASE_MS_HIGH },
          p1: { attempts: config.EVENT_RETRY_ATTEMPTS_HIGH, baseMs: config.EVENT_RETRY_BASE_MS_HIGH },
          p2: { attempts: config.EVENT_RETRY_ATTEMPTS_LOW, baseMs: config.EVENT_RETRY_BASE_MS_LOW },
          p3: { attempts: config.EVENT_RETRY_ATTEMPTS_LOW, baseMs: config.EVENT_RETRY_BASE_MS_LOW },
        },
      })
    : null;
  if (config.ROLES.includes('worker')) {
    dispatcher = startWebhookDispatcher({
      db,
      log,
      resilience,
      events: publisher,
      managersOf: institutions.managerIds,
      settings: {
        allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
        maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
        retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
        disableAfter: config.WEBHOOK_DISABLE_AFTER_FAILURES,
      },
    });
  }
  if (config.ROLES.includes('worker')) {
    importRunner = startPollLoop({ name: 'roster import', log, pollMs: 1000, tick: roster.runNext });
    channelSender = startChannelSender({
      db,
      log,
      mailer,
      notifications,
      push: vapid
        ? createPushSender({
            vapid,
            allowPrivate: config.PUSH_ALLOW_PRIVATE_NETWORKS,
            policyFor: (origin) => resilience.policy(`push:${origin}`, { attempts: 1 }),
          })
        : null,
      users: async (ids) => await identity.getUsers(ids),
      isOnline: async (userId) => (await presence.get([userId]))[0]?.online ?? false,
      publicUrl,
      pollMs: config.NOTIFICATION_POLL_MS,
      ...(options.now ? { now: options.now } : {}),
    });
    announcementRunner = startPollLoop({
      name: 'scheduled announcements',
      log,
      pollMs: config.ANNOUNCEMENT_POLL_MS,
      tick: announcements.publishDue,
    });
    reminderRunner = startPollLoop({
      name: 'assignment reminders',
      log,
      pollMs: config.REMINDER_POLL_MS,
      tick: () => sendDueReminders(db, publisher),
    });
  }
  const permissions = mergePermissions(institutionsPermissions, coursesPermissions, webhooksPermissions);
  const guards = createGuards({
    db,
    tokens,
    sessions: identity,
    tenants: institutions.directory,
    permissions,
    limiter,
    institutionRequestsPerMinute: config.INSTITUTION_REQUESTS_PER_MINUTE,
  });

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    requestIdHeader: 'x-request-id',
    genReqId: () => uuidv7(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only; anything else is 415, not a string handed to a JSON schema.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('user', null);
  app.decorateRequest('tenant', null);
  registerErrorHandler(app);
  registerNotFoundHandler(app, await serveWebApp(app, options.webDistDir ?? null));

  // While shutting down, in-flight responses close their sockets so keep-alive clients cannot hold
  // the server open; new requests get 503 from Fastify.
  let closing = false;
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    runWithContext({ requestId: String(req.id), ip: req.ip ?? null }, done);
  });
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const limit = await limiter.hit(`ip:${req.ip}`, config.RATE_LIMIT_PER_MINUTE, 60);
    if (!limit.allowed) {
      metrics.rateLimited.inc({ limit: 'ip' });
      throw new AppError('rate_limited', 'request.rate_limited', 'Too many requests from your address; try again shortly', {
        retryAfterSeconds: limit.retryAfterSeconds,
      });
    }
  });

  // Every API route must declare who may call it; start-up fails otherwise.
  const routes: RouteAccess[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const access = accessOf(route.onRequest);
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access guard`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, access });
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        // Video lessons embed these players (and nothing else) in sandboxed frames.
        frameSrc: ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'],
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'EDU Matrix Interlinked API', version: '1.0.0', description: 'Errors are RFC 9457 application/problem+json.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  metrics.instrument(app);
  const readiness: ReadinessCheck[] = [{ name: 'database', check: database.ping }];
  if (redis) readiness.push({ name: 'redis', check: redis.check });
  if (nats) readiness.push({ name: 'nats', check: nats.check });
  healthRoutes(app, readiness, () => ({ breakers: resilience.states() }));

  app.get('/api/v1/openapi.json', { schema: { hide: true }, onRequest: guards.public() }, async () => app.swagger());
  const routeDeps = { guards, config, mailer, db };
  identityRoutes(app, { ...routeDeps, identity, devMail: config.NODE_ENV !== 'production' && mailer.outbox !== null });
  institutionsRoutes(app, { ...routeDeps, institutions });
  structureRoutes(app, { ...routeDeps, structure, academicYears });
  peopleRoutes(app, { ...routeDeps, students, staff });
  rosterRoutes(app, { ...routeDeps, roster });
  timetableRoutes(app, { ...routeDeps, timetable });
  attendanceRoutes(app, { ...routeDeps, attendance });
  gradesRoutes(app, { ...routeDeps, grades, institution: institutions.basics });
  coursesRoutes(app, { ...routeDeps, courses, outline, enrolment, catalogue, progress, paths, gamification, analytics });
  questionsRoutes(app, { ...routeDeps, questions });
  quizzesRoutes(app, { ...routeDeps, quizzes, gradebook });
  lessonFilesRoutes(app, { ...routeDeps, lessonFiles });
  assignmentsRoutes(app, { ...routeDeps, assignments, submissions, peerReviews, storage });
  announcementsRoutes(app, { ...routeDeps, announcements });
  settingsRoutes(app, { ...routeDeps, gradingScale, logo });
  dashboardsRoutes(app, { ...routeDeps, dashboards });
  notificationsRoutes(app, { ...routeDeps, notifications });
  channelsRoutes(app, { ...routeDeps, settings: notificationSettings, pushSubscriptions });
  conversationsRoutes(app, { ...routeDeps, conversations: chat.conversations });
  messagesRoutes(app, { ...routeDeps, messages: chat.messages, attachments: chat.attachments });
  webhooksRoutes(app, { ...routeDeps, webhooks });
  socialRoutes(app, { ...routeDeps, ...social });
  postsRoutes(app, { ...routeDeps, ...social });
  searchRoutes(app, { ...routeDeps, search: social.search });
  postImagesRoutes(app, { ...routeDeps, images: createPostImages({ db, storage }), posts: social.posts, social: socialDeps });
  avatarRoutes(app, {
    ...routeDeps,
    avatars: createAvatars({ db, storage, onCleanupError: (err) => log.warn({ err }, 'could not delete an old profile picture') }),
  });
  linkPreviewRoutes(app, {
    ...routeDeps,
    linkPreviews,
  });
  presenceRoutes(app, { ...routeDeps, presence, visibleTo: social.presence.visibleTo });
  deadLetterRoutes(app, { ...routeDeps, deadLetters });

  await app.ready();
  // The streams adapter blocks on reads, so it gets a connection of its own.
  const adapterClient = config.REDIS_URL && config.ROLES.includes('realtime') ? new Redis(config.REDIS_URL) : null;
  adapterClient?.on('error', () => {});
  if (config.ROLES.includes('realtime')) {
    gateway = createGateway({
      httpServer: app.server,
      tokens,
      sessions: identity,
      limiter,
      log,
      socketEventsPer10s: config.SOCKET_EVENTS_PER_10S,
      institutionSocketEventsPer10s: config.SOCKET_EVENTS_PER_INSTITUTION_PER_10S,
      presence,
      presenceHeartbeatMs: presenceTtlMs / 2,
      ...(adapterClient ? { adapter: createAdapter(adapterClient) } : {}),
    });
    gateway.registerRoomKind(
      'institution',
      async (user, institutionId) => {
        if (!isUuid(institutionId) || !(await institutions.directory.findMembership(institutionId, user.id))) {
          throw new AppError('not_found', 'institution.not_found', 'Institution was not found');
        }
      },
      async (institutionId, after, limit) => {
        const missed = await eventsAfter(db, { afterEventId: after, tenantId: institutionId, types: MEMBER_EVENT_TYPES, limit });
        return { messages: missed.events.map(memberChangedPush), complete: missed.complete };
      },
    );
    registerChatSocket(gateway, chat);
  }

  return {
    app,
    config,
    database,
    mailer,
    storage,
    identity,
    events: { publisher, deadLetters, worker },
    gateway: () => gateway,
    permissions,
    routes,
    async close() {
      closing = true;
      await gateway?.close();
      await app.close();
      await Promise.all([
        worker?.stop(),
        dispatcher?.stop(),
        importRunner?.stop(),
        announcementRunner?.stop(),
        channelSender?.stop(),
        reminderRunner?.stop(),
      ]);
      adapterClient?.disconnect();
      await Promise.all([redis?.close(), nats?.close(), signals.close()]);
      await database.close();
    },
  };
}
