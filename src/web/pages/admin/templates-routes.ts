// Notice templates in the portal, for the Code Administrator (SECAS) and system administrators:
//   GET  /admin/notice-templates                     every template with its latest version
//   GET  /admin/notice-templates/:name               the latest version in an editor, and the history
//   POST /admin/notice-templates/:name/preview       renders the edited text with a sample event
//   POST /admin/notice-templates/:name               saves it as a new version (after rendering it again) and PRGs
// A template that does not pass the sandbox's checks or fails to render is shown in the GOV.UK
// error summary, never as a 500.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, type Principal } from '../../../app/identity/principal.ts';
import { TemplateProblem, MAX_TEMPLATE_CHARS } from '../../../notify/template-sandbox.ts';
import type { RenderedNotice } from '../../../notify/render-notice.ts';
import { HttpProblem } from '../../problem.ts';
import { renderPage } from '../../render.ts';
import { setFlash } from '../command-form/flash.ts';

function requireTemplateEditor(request: FastifyRequest): Principal {
  const p = request.principal;
  if (!p) throw new HttpProblem(401, 'Sign in as the Code Administrator to edit notice templates.');
  if (!hasRole(p, 'code-administrator') && !hasRole(p, 'system-administrator')) {
    throw new HttpProblem(403, 'Only the Code Administrator and system administrators can edit notice templates.', { title: 'You cannot see this page' });
  }
  return p;
}

const words = (name: string) => name.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
const bodyOf = (body: unknown): string => {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).body : undefined;
  return typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n').slice(0, MAX_TEMPLATE_CHARS + 1) : '';
};

export async function noticeTemplateRoutes(app: FastifyInstance): Promise<void> {
  const templates = () => app.services.notify.templates;

  const known = (name: string): string => {
    if (!templates().exists(name)) throw new HttpProblem(404, `There is no notice template ${name.slice(0, 60)}.`);
    return name;
  };

  const editPage = async (request: FastifyRequest, reply: FastifyReply, name: string, body: string, extra: { preview?: RenderedNotice; problems?: readonly string[] } = {}) => {
    const versions = await templates().versions(name);
    const problems = extra.problems ?? [];
    return renderPage(request, reply.code(problems.length ? 422 : 200), 'pages/admin/templates-edit.njk', {
      pageTitle: extra.preview ? `Preview: ${words(name)} notice template` : `${words(name)} notice template`,
      adminSection: 'notice-templates',
      name,
      title: words(name),
      body,
      latestVersion: versions[0]?.version ?? 1,
      versions: versions.map((v) => ({ version: v.version, by: v.createdBy === 'file' ? 'the file shipped with secmod' : v.createdBy, at: v.createdAt ? v.createdAt.slice(0, 16).replace('T', ' ') : '' })),
      preview: extra.preview,
      errorList: problems.map((text) => ({ text, href: '#body' })),
      fieldErrors: problems.length ? { body: problems.join(' ') } : {},
    });
  };

  app.get('/admin/notice-templates', async (request, reply) => {
    requireTemplateEditor(request);
    const list = await templates().list();
    return renderPage(request, reply, 'pages/admin/templates-list.njk', {
      pageTitle: 'Notice templates',
      adminSection: 'notice-templates',
      templates: list.map((t) => ({ ...t, title: words(t.template), updated: t.updatedAt ? t.updatedAt.slice(0, 16).replace('T', ' ') : 'never (the file)' })),
    });
  });

  app.get<{ Params: { name: string } }>('/admin/notice-templates/:name', async (request, reply) => {
    requireTemplateEditor(request);
    const name = known(request.params.name);
    const [latest] = await templates().versions(name);
    return editPage(request, reply, name, latest!.body);
  });

  app.post<{ Params: { name: string } }>('/admin/notice-templates/:name/preview', async (request, reply) => {
    requireTemplateEditor(request);
    const name = known(request.params.name);
    const body = bodyOf(request.body);
    try {
      if (body.trim() === '') throw new TemplateProblem(['Enter the template text.']);
      return await editPage(request, reply, name, body, { preview: templates().preview(name, body) });
    } catch (error) {
      if (!(error instanceof TemplateProblem)) throw error;
      return editPage(request, reply, name, body, { problems: error.problems });
    }
  });

  app.post<{ Params: { name: string } }>('/admin/notice-templates/:name', async (request, reply) => {
    const p = requireTemplateEditor(request);
    const name = known(request.params.name);
    const body = bodyOf(request.body);
    try {
      const version = await templates().save(name, body, p.userId);
      setFlash(request, reply, { heading: `Version ${version} of the ${words(name).toLowerCase()} template is saved`, text: 'Notices sent from now on use it.' });
      return reply.redirect(`/admin/notice-templates/${name}`, 303);
    } catch (error) {
      if (!(error instanceof TemplateProblem)) throw error;
      return editPage(request, reply, name, body, { problems: error.problems });
    }
  });
}
