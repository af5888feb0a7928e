import { createBrowserRouter, Navigate } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { RequireAdmin, RequireAuth } from './auth/guards';
import { Loading } from './components/Alert';
import { Layout } from './components/Layout';
import { UsersPage } from './pages/admin/UsersPage';
import { LinkPage } from './pages/auth/LinkPage';
import { LoginPage } from './pages/auth/LoginPage';
import { NotFoundPage, RouteErrorPage } from './pages/misc/NotFoundPage';
import { prefetchWorkspace } from './pages/coding/prefetch';
import { SettingsPage } from './pages/settings/SettingsPage';
import { AuditPage } from './pages/studies/AuditPage';
import { MembersPage } from './pages/studies/MembersPage';
import { StudyEditPage } from './pages/studies/StudyEditPage';
import { StudyHomePage } from './pages/studies/StudyHomePage';
import { StudyListPage } from './pages/studies/StudyListPage';
import { StudyNewPage } from './pages/studies/StudyNewPage';

/** Dutch URLs; everything except /login and /link needs a session. */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteErrorPage />,
    // shown for a moment when the first page of a visit is one that is loaded on demand
    hydrateFallbackElement: <Loading />,
    children: [
      { path: 'login', element: <LoginPage /> },
      { path: 'link', element: <LinkPage /> },
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <Navigate to="/onderzoeken" replace /> },
          { path: 'onderzoeken', element: <StudyListPage /> },
          { path: 'onderzoeken/nieuw', element: <StudyNewPage /> },
          { path: 'onderzoeken/:slug', element: <StudyHomePage /> },
          { path: 'onderzoeken/:slug/bewerken', element: <StudyEditPage /> },
          { path: 'onderzoeken/:slug/leden', element: <MembersPage /> },
          { path: 'onderzoeken/:slug/audit', element: <AuditPage /> },
          // the case-file study and the monitor are loaded when first visited (their own chunks)
          { path: 'onderzoeken/:slug/dossiers', lazy: () => import('./pages/dossiers/DossierListPage').then((m) => ({ Component: m.DossierListPage })) },
          { path: 'onderzoeken/:slug/dossiers/nieuw', lazy: () => import('./pages/dossiers/CasePages').then((m) => ({ Component: m.CaseNewPage })) },
          { path: 'onderzoeken/:slug/dossiers/importeren', lazy: () => import('./pages/dossiers/ImportPage').then((m) => ({ Component: m.ImportPage })) },
          { path: 'onderzoeken/:slug/dossiers/overeenstemming', lazy: () => import('./pages/dossiers/AgreementPages').then((m) => ({ Component: m.AgreementPage })) },
          { path: 'onderzoeken/:slug/dossiers/:caseId', lazy: () => import('./pages/dossiers/CasePages').then((m) => ({ Component: m.CasePage })) },
          { path: 'onderzoeken/:slug/dossiers/:caseId/tweede-codering', lazy: () => import('./pages/dossiers/CasePages').then((m) => ({ Component: m.SecondCodingPage })) },
          { path: 'onderzoeken/:slug/dossiers/:caseId/vaststellen', lazy: () => import('./pages/dossiers/AgreementPages').then((m) => ({ Component: m.ReconcilePage })) },
          // the interview study: participants, consent, interviews and guides (their own chunks)
          { path: 'onderzoeken/:slug/deelnemers', lazy: () => import('./pages/participants/ParticipantListPage').then((m) => ({ Component: m.ParticipantListPage })) },
          { path: 'onderzoeken/:slug/deelnemers/nieuw', lazy: () => import('./pages/participants/ParticipantPages').then((m) => ({ Component: m.ParticipantNewPage })) },
          { path: 'onderzoeken/:slug/deelnemers/variabelen', lazy: () => import('./pages/participants/VariablesPage').then((m) => ({ Component: m.VariablesPage })) },
          { path: 'onderzoeken/:slug/deelnemers/:participantId', lazy: () => import('./pages/participants/ParticipantPages').then((m) => ({ Component: m.ParticipantPage })) },
          { path: 'onderzoeken/:slug/toestemming', lazy: () => import('./pages/participants/ConsentDashboardPage').then((m) => ({ Component: m.ConsentDashboardPage })) },
          { path: 'onderzoeken/:slug/interviews', lazy: () => import('./pages/participants/InterviewPages').then((m) => ({ Component: m.InterviewListPage })) },
          { path: 'onderzoeken/:slug/interviews/nieuw', lazy: () => import('./pages/participants/InterviewPages').then((m) => ({ Component: m.InterviewNewPage })) },
          { path: 'onderzoeken/:slug/interviews/leidraden', lazy: () => import('./pages/participants/GuidePages').then((m) => ({ Component: m.GuideListPage })) },
          { path: 'onderzoeken/:slug/interviews/leidraden/nieuw', lazy: () => import('./pages/participants/GuidePages').then((m) => ({ Component: m.GuideNewPage })) },
          { path: 'onderzoeken/:slug/interviews/leidraden/:guideId', lazy: () => import('./pages/participants/GuidePages').then((m) => ({ Component: m.GuidePage })) },
          { path: 'onderzoeken/:slug/interviews/:interviewId', lazy: () => import('./pages/participants/InterviewPages').then((m) => ({ Component: m.InterviewPage })) },
          // qualitative coding: documents, pseudonymisation, the coding workspace, retrieval and search (their own chunks)
          { path: 'onderzoeken/:slug/documenten', lazy: () => import('./pages/coding/DocumentListPage').then((m) => ({ Component: m.DocumentListPage })) },
          { path: 'onderzoeken/:slug/documenten/importeren', lazy: () => import('./pages/coding/ImportPage').then((m) => ({ Component: m.ImportPage })) },
          { path: 'onderzoeken/:slug/documenten/zoeken', lazy: () => import('./pages/coding/SearchPage').then((m) => ({ Component: m.SearchPage })) },
          { path: 'onderzoeken/:slug/documenten/analyse', lazy: () => import('./pages/coding/AnalysisPage').then((m) => ({ Component: m.AnalysisPage })) },
          { path: 'onderzoeken/:slug/documenten/teamcodering', lazy: () => import('./pages/coding/TeamworkPage').then((m) => ({ Component: m.TeamworkPage })) },
          // the workspace's loader starts fetching the document while the page's code loads (pages/coding/prefetch.ts)
          { path: 'onderzoeken/:slug/documenten/:documentId', loader: prefetchWorkspace, lazy: () => import('./pages/coding/WorkspacePage').then((m) => ({ Component: m.WorkspacePage })) },
          { path: 'onderzoeken/:slug/documenten/:documentId/pseudonimiseren', lazy: () => import('./pages/coding/PseudonymisePage').then((m) => ({ Component: m.PseudonymisePage })) },
          { path: 'onderzoeken/:slug/codes', lazy: () => import('./pages/coding/RetrievalPage').then((m) => ({ Component: m.CodesPage })) },
          { path: 'onderzoeken/:slug/codes/:codeId', lazy: () => import('./pages/coding/RetrievalPage').then((m) => ({ Component: m.RetrievalPage })) },
          // surveys (enquêtes): the list, the editor with preview and distribution, and the results (their own chunks)
          { path: 'onderzoeken/:slug/enquetes', lazy: () => import('./pages/surveys/SurveyListPage').then((m) => ({ Component: m.SurveyListPage })) },
          { path: 'onderzoeken/:slug/enquetes/:surveyId', lazy: () => import('./pages/surveys/SurveyEditorPage').then((m) => ({ Component: m.SurveyEditorPage })) },
          { path: 'onderzoeken/:slug/enquetes/:surveyId/resultaten', lazy: () => import('./pages/surveys/SurveyResultsPage').then((m) => ({ Component: m.SurveyResultsPage })) },
          // legal framework (norm catalogue) and helpdesk signals (their own chunks)
          { path: 'onderzoeken/:slug/juridisch-kader', lazy: () => import('./pages/legal/LegalPages').then((m) => ({ Component: m.LegalCataloguePage })) },
          { path: 'onderzoeken/:slug/juridisch-kader/:normId', lazy: () => import('./pages/legal/LegalPages').then((m) => ({ Component: m.NormPage })) },
          { path: 'onderzoeken/:slug/signalen', lazy: () => import('./pages/legal/SignalsPage').then((m) => ({ Component: m.SignalsPage })) },
          // findings with their evidence, law versus practice, recommendations (their own chunks)
          { path: 'onderzoeken/:slug/bevindingen', lazy: () => import('./pages/findings/FindingsPages').then((m) => ({ Component: m.FindingsListPage })) },
          { path: 'onderzoeken/:slug/bevindingen/recht-en-praktijk', lazy: () => import('./pages/findings/FindingsPages').then((m) => ({ Component: m.LawPracticePage })) },
          { path: 'onderzoeken/:slug/bevindingen/:findingId', lazy: () => import('./pages/findings/FindingsPages').then((m) => ({ Component: m.FindingPage })) },
          { path: 'onderzoeken/:slug/aanbevelingen', lazy: () => import('./pages/findings/RecommendationsPage').then((m) => ({ Component: m.RecommendationsPage })) },
          // reflection sessions (their own chunk)
          { path: 'onderzoeken/:slug/reflectiesessies', lazy: () => import('./pages/reflection/ReflectionPages').then((m) => ({ Component: m.ReflectionListPage })) },
          { path: 'onderzoeken/:slug/reflectiesessies/:reflectionId', lazy: () => import('./pages/reflection/ReflectionPages').then((m) => ({ Component: m.ReflectionSessionPage })) },
          { path: 'onderzoeken/:slug/impact', lazy: () => import('./pages/impact/ImpactPage').then((m) => ({ Component: m.ImpactPage })) },
          // the report builder (its own chunk)
          { path: 'onderzoeken/:slug/rapporten', lazy: () => import('./pages/reports/ReportPages').then((m) => ({ Component: m.ReportListPage })) },
          { path: 'onderzoeken/:slug/rapporten/:reportId', lazy: () => import('./pages/reports/ReportPages').then((m) => ({ Component: m.ReportPage })) },
          { path: 'onderzoeken/:slug/monitor', lazy: () => import('./pages/monitor/MonitorPage').then((m) => ({ Component: m.MonitorPage })) },
          { path: 'instellingen', element: <SettingsPage /> },
          {
            path: 'beheer/gebruikers',
            element: (
              <RequireAdmin>
                <UsersPage />
              </RequireAdmin>
            ),
          },
          { path: 'beheer', element: <Navigate to="/beheer/gebruikers" replace /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
