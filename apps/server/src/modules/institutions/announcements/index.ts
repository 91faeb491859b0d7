// Announcements to the institution, a department or a class; scheduled ones are published by the worker.
export { announcementsMigrations } from './announcements.migrations.ts';
export { announcementsRoutes } from './announcements.routes.ts';
export { type AnnouncementsService, createAnnouncementsService } from './announcements.service.ts';
