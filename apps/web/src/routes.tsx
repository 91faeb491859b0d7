import { createBrowserRouter, Navigate } from 'react-router';
import { ProfilePage } from './account/ProfilePage.tsx';
import { SessionsPage } from './account/SessionsPage.tsx';
import { AnnouncementsPage } from './announcements/AnnouncementsPage.tsx';
import { AttendancePage } from './attendance/AttendancePage.tsx';
import { ForgotPasswordPage } from './auth/ForgotPasswordPage.tsx';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { ResetPasswordPage } from './auth/ResetPasswordPage.tsx';
import { SignInPage } from './auth/SignInPage.tsx';
import { SignUpPage } from './auth/SignUpPage.tsx';
import { VerifyEmailPage } from './auth/VerifyEmailPage.tsx';
import { CatalogueCoursePage } from './catalogue/CatalogueCoursePage.tsx';
import { CataloguePage } from './catalogue/CataloguePage.tsx';
import { ChatIndex } from './chat/ChatIndex.tsx';
import { ChatPage } from './chat/ChatPage.tsx';
import { ConversationView } from './chat/ConversationView.tsx';
import { AchievementsPage } from './courses/Achievements.tsx';
import { AssignmentPage } from './courses/assignments/AssignmentPage.tsx';
import { GraderPage } from './courses/assignments/GraderPage.tsx';
import { CoursePage } from './courses/CoursePage.tsx';
import { CoursesPage } from './courses/CoursesPage.tsx';
import { LearningPathPage } from './courses/LearningPathPage.tsx';
import { LessonPage } from './courses/LessonPage.tsx';
import { QuizAttemptPage } from './courses/QuizAttemptPage.tsx';
import { QuizAttemptsPage } from './courses/QuizAttemptsPage.tsx';
import { GradesPage } from './grades/GradesPage.tsx';
import { StudentGradesPage } from './grades/StudentGradesPage.tsx';
import { AcceptInvitationPage } from './institutions/AcceptInvitationPage.tsx';
import { AuditPage } from './institutions/AuditPage.tsx';
import { CreateInstitutionPage } from './institutions/CreateInstitutionPage.tsx';
import { InstitutionLayout } from './institutions/InstitutionLayout.tsx';
import { InstitutionOverviewPage } from './institutions/InstitutionOverviewPage.tsx';
import { MembersPage } from './institutions/MembersPage.tsx';
import { ModerationPage } from './moderation/ModerationPage.tsx';
import { NotificationSettingsPage } from './notifications/NotificationSettingsPage.tsx';
import { NotificationsPage } from './notifications/NotificationsPage.tsx';
import { PeopleLayout } from './people/PeopleLayout.tsx';
import { StaffPage } from './people/StaffPage.tsx';
import { StudentDetailPage } from './people/StudentDetailPage.tsx';
import { StudentsPage } from './people/StudentsPage.tsx';
import { ImportPage } from './roster/ImportPage.tsx';
import { SearchPage } from './search/SearchPage.tsx';
import { SettingsPage } from './settings/SettingsPage.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { HomePage } from './shell/HomePage.tsx';
import { NotFoundPage } from './shell/NotFoundPage.tsx';
import { FeedPage } from './social/FeedPage.tsx';
import { HashtagPage } from './social/HashtagPage.tsx';
import { MyProfilePage } from './social/MyProfilePage.tsx';
import { NetworkPage } from './social/NetworkPage.tsx';
import { PersonPage } from './social/PersonPage.tsx';
import { PostPage } from './social/PostPage.tsx';
import { AcademicYearsPage } from './structure/AcademicYearsPage.tsx';
import { StructureLayout } from './structure/StructureLayout.tsx';
import { StructureSummaryPage } from './structure/StructureSummaryPage.tsx';
import { UnitsPage } from './structure/UnitsPage.tsx';
import { TimetablePage } from './timetable/TimetablePage.tsx';
import { WebhookDetailPage } from './webhooks/WebhookDetailPage.tsx';
import { WebhooksPage } from './webhooks/WebhooksPage.tsx';

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'signin', element: <SignInPage /> },
      { path: 'signup', element: <SignUpPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'verify-email', element: <VerifyEmailPage /> },
      { path: 'invitations/accept', element: <AcceptInvitationPage /> },
      { path: 'catalogue', element: <CataloguePage /> },
      { path: 'catalogue/:courseId', element: <CatalogueCoursePage /> },
      {
        element: <RequireAuth />,
        children: [
          { path: 'profile', element: <ProfilePage /> },
          { path: 'sessions', element: <SessionsPage /> },
          {
            path: 'chat',
            element: <ChatPage />,
            children: [
              { index: true, element: <ChatIndex /> },
              { path: ':conversationId', element: <ConversationView /> },
            ],
          },
          { path: 'feed', element: <FeedPage /> },
          { path: 'hashtags/:tag', element: <HashtagPage /> },
          { path: 'posts/:postId', element: <PostPage /> },
          { path: 'people/:userId', element: <PersonPage /> },
          { path: 'me/profile', element: <MyProfilePage /> },
          { path: 'network', element: <NetworkPage /> },
          { path: 'search', element: <SearchPage /> },
          // The server's connection-request notifications link here.
          { path: 'connections/requests', element: <Navigate to="/network" replace /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'settings/notifications', element: <NotificationSettingsPage /> },
          { path: 'moderation', element: <ModerationPage /> },
          { path: 'institutions/new', element: <CreateInstitutionPage /> },
          {
            path: 'institutions/:id',
            element: <InstitutionLayout />,
            children: [
              { index: true, element: <InstitutionOverviewPage /> },
              { path: 'members', element: <MembersPage /> },
              {
                path: 'structure',
                element: <StructureLayout />,
                children: [
                  { index: true, element: <StructureSummaryPage /> },
                  { path: 'academic-years', element: <AcademicYearsPage /> },
                  { path: 'departments', element: <UnitsPage kind="departments" /> },
                  { path: 'programs', element: <UnitsPage kind="programs" /> },
                  { path: 'subjects', element: <UnitsPage kind="subjects" /> },
                  { path: 'classes', element: <UnitsPage kind="classes" /> },
                ],
              },
              { path: 'timetable', element: <TimetablePage /> },
              { path: 'attendance', element: <AttendancePage /> },
              { path: 'grades', element: <GradesPage /> },
              { path: 'grades/students/:studentId', element: <StudentGradesPage /> },
              { path: 'courses', element: <CoursesPage /> },
              { path: 'courses/learning-path', element: <LearningPathPage /> },
              { path: 'courses/achievements', element: <AchievementsPage /> },
              { path: 'courses/:courseId', element: <CoursePage /> },
              { path: 'courses/:courseId/lessons/:lessonId', element: <LessonPage /> },
              { path: 'courses/:courseId/quizzes/:quizId', element: <QuizAttemptsPage /> },
              { path: 'courses/:courseId/quizzes/:quizId/attempts/:attemptId', element: <QuizAttemptPage /> },
              { path: 'courses/:courseId/assignments/:assignmentId', element: <AssignmentPage /> },
              { path: 'courses/:courseId/assignments/:assignmentId/submissions/:userId', element: <GraderPage /> },
              { path: 'announcements', element: <AnnouncementsPage /> },
              {
                path: 'people',
                element: <PeopleLayout />,
                children: [
                  { index: true, element: <Navigate to="students" replace /> },
                  { path: 'students', element: <StudentsPage /> },
                  { path: 'students/:studentId', element: <StudentDetailPage /> },
                  { path: 'staff', element: <StaffPage /> },
                  { path: 'import', element: <ImportPage /> },
                ],
              },
              { path: 'settings', element: <SettingsPage /> },
              { path: 'audit', element: <AuditPage /> },
              { path: 'webhooks', element: <WebhooksPage /> },
              { path: 'webhooks/:webhookId', element: <WebhookDetailPage /> },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
