// The institution's structure: academic years and terms, departments, programs, subjects, classes.
export { type AcademicYearsService, createAcademicYearsService } from './academic-years.service.ts';
export { structureMigrations } from './structure.migrations.ts';
export { structureRoutes } from './structure.routes.ts';
export { createStructureService, type StructureService } from './structure.service.ts';
