import type { SnapshotDetail } from '@sentry-snapshots/core/contract';
import { escapeHtml } from './escape-html.js';

/** Where a snapshot's approve endpoint is, relative to the emulator's pages. */
export function approvePath(orgSlug: string, artifactId: string): string {
  return `/api/0/organizations/${encodeURIComponent(orgSlug)}/preprodartifacts/${encodeURIComponent(artifactId)}/approve/`;
}

/**
 * The snapshot's approval status, and unless it is approved an Approve button that calls the
 * approve endpoint. Pages open without a token but the endpoint needs one: the reviewer pastes
 * the token the emulator printed at start, kept for the tab's session only.
 */
export function renderApprovalSection(orgSlug: string, detail: SnapshotDetail): string {
  const status = detail.approval_status ?? 'none';
  const form =
    detail.approval_status === 'approved'
      ? ''
      : `<form class="approve" data-approve-url="${escapeHtml(approvePath(orgSlug, detail.head_artifact_id))}">
<label>Auth token <input type="password" name="token" autocomplete="off" required></label>
<button type="submit">Approve</button>
<output aria-live="polite"></output>
</form>
<script>${approveScript}</script>`;
  return `<section class="approval" aria-label="Approval" style="margin:0.5rem 0">
<p>Approval: <strong class="approval-status">${escapeHtml(status)}</strong></p>
${form}
</section>`;
}

/** Runs in the page: posts what Sentry's Approve button posts, then reloads to show the new status. */
const approveScript = `(() => {
  const form = document.currentScript.previousElementSibling;
  const token = form.elements.token;
  const output = form.querySelector('output');
  const key = 'sentry-snapshots-emulator-token';
  token.value = sessionStorage.getItem(key) ?? '';
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    output.textContent = 'Approving…';
    try {
      const response = await fetch(form.dataset.approveUrl, {
        method: 'POST',
        headers: { authorization: 'Bearer ' + token.value.trim(), 'content-type': 'application/json' },
        body: JSON.stringify({ feature_type: 'snapshots' }),
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        output.textContent = 'Not approved: ' + (answer.detail ?? 'HTTP ' + response.status);
        return;
      }
      sessionStorage.setItem(key, token.value.trim());
      location.reload();
    } catch (error) {
      output.textContent = 'Not approved: ' + error.message;
    }
  });
})();`;
