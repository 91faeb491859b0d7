// Institution settings beyond the profile: the grading scale (logo and colours come next).
export { createGradingScaleService, type GradingScaleService } from './grading-scale.service.ts';
export { settingsMigrations } from './settings.migrations.ts';
export { settingsRoutes } from './settings.routes.ts';
