// HTTP for assignments, submissions (text as JSON, files as their raw typed bytes), grading,
// release and peer review.
import {
  Assignment,
  CreateAssignmentBody,
  GradeSubmissionBody,
  PeerReviewBody,
  PeerReviews,
  ReviewTask,
  Submission,
  UpdateAssignmentBody,
} from '@edumatrix/contracts';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { tenantOf, userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import type { AssignmentsService } from './assignments.service.ts';
import { attachmentDisposition, COURSE_FILE_MAX_BYTES, COURSE_FILE_TYPES, unsupportedFileType } from './course-files.ts';
import type { PeerReviewsService } from './peer-reviews.service.ts';
import type { SubmissionsService } from './submissions.service.ts';

const CourseParams = z.object({ institutionId: z.uuid(), courseId: z.uuid() });
const AssignmentParams = CourseParams.extend({ assignmentId: z.uuid() });
const LearnerParams = AssignmentParams.extend({ userId: z.uuid() });
const ReviewParams = AssignmentParams.extend({ reviewId: z.uuid() });
const SubmitTextBody = z.strictObject({ text: z.string().trim().min(1, 'is required').max(100_000) });

const sendFile = (reply: FastifyReply, file: { bytes: Uint8Array; name: string; type: string }) =>
  reply
    .type(file.type)
    .header('content-disposition', attachmentDisposition(file.name))
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.bytes));

export function assignmentsRoutes(
  app: HttpApp,
  deps: RouteDeps & { assignments: AssignmentsService; submissions: SubmissionsService; peerReviews: PeerReviewsService; storage: Storage },
) {
  const { guards, assignments, submissions, peerReviews } = deps;
  const tags = ['assignments'];
  const list = '/api/v1/institutions/:institutionId/courses/:courseId/assignments';
  const one = `${list}/:assignmentId`;
  const read = guards.institution('courses.read');
  const manage = guards.institution('courses.manage');
  const learn = guards.institution('courses.learn');

  app.get(
    list,
    {
      schema: {
        tags,
        summary: "A course's assignments (learners: published ones, with their own standing)",
        params: CourseParams,
        response: { 200: z.array(Assignment) },
      },
      onRequest: read,
    },
    async (req) => assignments.list(tenantOf(req), userOf(req).id, req.params.courseId),
  );
  app.post(
    list,
    {
      schema: { tags, summary: 'Create an assignment', params: CourseParams, body: CreateAssignmentBody, response: { 201: Assignment } },
      onRequest: manage,
    },
    async (req, reply) => reply.code(201).send(await assignments.create(tenantOf(req), userOf(req).id, req.params.courseId, req.body)),
  );
  app.get(
    one,
    { schema: { tags, summary: 'An assignment', params: AssignmentParams, response: { 200: Assignment } }, onRequest: read },
    async (req) => assignments.get(tenantOf(req), userOf(req).id, req.params.courseId, req.params.assignmentId),
  );
  app.patch(
    one,
    {
      schema: {
        tags,
        summary: 'Change an assignment',
        params: AssignmentParams,
        body: UpdateAssignmentBody,
        response: { 200: Assignment },
      },
      onRequest: manage,
    },
    async (req) => assignments.update(tenantOf(req), userOf(req).id, req.params.courseId, req.params.assignmentId, req.body),
  );
  app.delete(
    one,
    { schema: { tags, summary: 'Delete an assignment with its submissions', params: AssignmentParams }, onRequest: manage },
    async (req, reply) => {
      const files = await assignments.remove(tenantOf(req), userOf(req).id, req.params.courseId, req.params.assignmentId);
      // The rows are gone; the bytes follow (a failure here leaves an orphan, never a dangling row).
      await Promise.all(files.map((key) => deps.storage.delete(key)));
      return reply.code(204).send();
    },
  );

  app.get(
    `${one}/submission`,
    { schema: { tags, summary: 'Your own submission', params: AssignmentParams, response: { 200: Submission } }, onRequest: learn },
    async (req) => submissions.mine(tenantOf(req), userOf(req).id, req.params.courseId, req.params.assignmentId),
  );
  app.put(
    `${one}/submission/text`,
    {
      schema: {
        tags,
        summary: 'Submit (or resubmit) your text: a new version, keeping your file',
        params: AssignmentParams,
        body: SubmitTextBody,
        response: { 200: Submission },
      },
      onRequest: learn,
    },
    async (req) => submissions.submitText(tenantOf(req), userOf(req).id, req.params.courseId, req.params.assignmentId, req.body.text),
  );
  app.register(async (scope: HttpApp) => {
    scope.addContentTypeParser(COURSE_FILE_TYPES, { parseAs: 'buffer', bodyLimit: COURSE_FILE_MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scope.put(
      `${one}/submission/file`,
      {
        schema: {
          tags,
          summary: `Submit (or resubmit) a file: the bytes as the body, typed (${COURSE_FILE_TYPES.length} types), at most 25 MB`,
          params: AssignmentParams,
          querystring: z.strictObject({ name: z.string().trim().min(1, 'is required').max(200) }),
          response: { 200: Submission },
        },
        bodyLimit: COURSE_FILE_MAX_BYTES,
        onRequest: learn,
      },
      async (req) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
        if (!Buffer.isBuffer(req.body)) throw unsupportedFileType();
        return submissions.submitFile(
          tenantOf(req),
          userOf(req).id,
          req.params.courseId,
          req.params.assignmentId,
          req.body,
          type,
          req.query.name,
        );
      },
    );
  });
  app.get(
    `${one}/submissions`,
    {
      schema: { tags, summary: "Every learner's submission", params: AssignmentParams, response: { 200: z.array(Submission) } },
      onRequest: manage,
    },
    async (req) => submissions.list(tenantOf(req), userOf(req).id, req.params.courseId, req.params.assignmentId),
  );
  app.get(
    `${one}/submissions/:userId`,
    {
      schema: {
        tags,
        summary: "A learner's submission (their own, or any for editors)",
        params: LearnerParams,
        response: { 200: Submission },
      },
      onRequest: guards.institution('courses.attempt.read'),
    },
    async (req) => submissions.of(tenantOf(req), userOf(req).id, req.params.courseId, req.params.assignmentId, req.params.userId),
  );
  app.get(
    `${one}/submissions/:userId/file`,
    {
      schema: { tags, summary: "Download a submission's file", params: LearnerParams },
      onRequest: guards.institution('courses.attempt.read'),
    },
    async (req, reply) =>
      sendFile(
        reply,
        await submissions.file(tenantOf(req), userOf(req).id, req.params.courseId, req.params.assignmentId, req.params.userId),
      ),
  );
  app.put(
    `${one}/submissions/:userId/grade`,
    {
      schema: {
        tags,
        summary: 'Grade the latest version: rubric levels or points, feedback and inline comments',
        params: LearnerParams,
        body: GradeSubmissionBody,
        response: { 200: Submission },
      },
      onRequest: manage,
    },
    async (req) =>
      submissions.grade(tenantOf(req), userOf(req).id, req.params.courseId, req.params.assignmentId, req.params.userId, req.body),
  );
  app.post(
    `${one}/release`,
    {
      schema: { tags, summary: 'Release grades and feedback to learners', params: AssignmentParams, response: { 200: Assignment } },
      onRequest: manage,
    },
    async (req) => submissions.release(tenantOf(req), userOf(req).id, req.params.courseId, req.params.assignmentId),
  );

  app.get(
    `${one}/peer-reviews`,
    {
      schema: {
        tags,
        summary: 'Peer reviews: yours to write (learners) or all of them (editors); handed out after the deadline',
        params: AssignmentParams,
        response: { 200: PeerReviews },
      },
      onRequest: read,
    },
    async (req) => peerReviews.get(tenantOf(req), userOf(req).id, req.params.courseId, req.params.assignmentId),
  );
  app.put(
    `${one}/peer-reviews/:reviewId`,
    {
      schema: { tags, summary: 'Write a peer review', params: ReviewParams, body: PeerReviewBody, response: { 200: ReviewTask } },
      onRequest: learn,
    },
    async (req) =>
      peerReviews.submit(tenantOf(req), userOf(req).id, req.params.courseId, req.params.assignmentId, req.params.reviewId, req.body),
  );
  app.get(
    `${one}/peer-reviews/:reviewId/file`,
    { schema: { tags, summary: 'Download the file of the work under review', params: ReviewParams }, onRequest: learn },
    async (req, reply) =>
      sendFile(
        reply,
        await peerReviews.file(tenantOf(req), userOf(req).id, req.params.courseId, req.params.assignmentId, req.params.reviewId),
      ),
  );
}
