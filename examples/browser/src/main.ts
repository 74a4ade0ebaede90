// A small catalog page on the published entry points only: `@nexuscommerce/sdk` for every call and
// `@nexuscommerce/mock/browser`, whose MSW worker answers them with the real server core running in
// this tab over an in-memory store. The worker script (public/mockServiceWorker.js) is copied by
// `nexus-mock init public` before `vite` / `vite build` (see package.json).
//
// The mock is started in production builds too, on purpose: this page is a demo of the mock. An app
// would start it only in development (`if (import.meta.env.DEV)`).
import { scenarios, setupMockWorker } from '@nexuscommerce/mock/browser';
import {
  ApiError,
  JobFailedError,
  type Job,
  type Page,
  type Schemas,
  TimeoutError,
  ValidationError,
  createNexusClient,
} from '@nexuscommerce/sdk';

type Product = Schemas['Product'];

const PAGE_SIZE = 10;
const IMPORT_SIZE = 20;
/** The mock spreads the import's records over this long, so the bar has something to show. */
const IMPORT_TAKES_MS = 2_000;
/** How long the page waits for the import job before reporting where it stands. */
const IMPORT_WAIT_MS = 30_000;
/** How often the bar asks for the job while `wait()` long-polls for its end. */
const PROGRESS_EVERY_MS = 250;

const $ = <T extends Element = HTMLElement>(selector: string) => {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`missing ${selector}`);
  return element;
};

const status = $('#status');
const rows = $<HTMLTableSectionElement>('#products tbody');
const count = $('#count');
const loadMore = $<HTMLButtonElement>('#load-more');
const form = $<HTMLFormElement>('#create-form');
const formError = $('#form-error');
const created = $('#created');
const importButton = $<HTMLButtonElement>('#import');
const importPanel = $('#import-panel');
const importProgress = $<HTMLProgressElement>('#import-progress');
const importStatus = $('#import-status');
const importNote = $('#import-note');

const price = (p: Pick<Product, 'price' | 'currency'>) => `${p.price} ${p.currency}`;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

async function main() {
  const { worker, mock } = setupMockWorker({ seed: 1, seedSize: { products: 60, customers: 0, orders: 0 }, latencyMs: 100 });
  await worker.start({ onUnhandledFrame: 'bypass', quiet: true });
  mock.use(scenarios.jobTakes(IMPORT_TAKES_MS, { match: 'batchUpsertProducts' }));
  const nexus = createNexusClient({ apiKey: mock.apiKey, baseUrl: mock.baseUrl });

  // (1) Products, one cursor page at a time.
  let page: Page<Product> | null = null;
  let shown = 0;

  function showPage(next: Page<Product>) {
    page = next;
    for (const product of next.data) {
      const tr = document.createElement('tr');
      tr.dataset.sku = product.sku;
      tr.append(cell(product.sku), cell(product.title), cell(price(product), 'price'), cell(product.status));
      rows.append(tr);
    }
    shown += next.data.length;
    count.textContent = `Showing ${shown} products${next.meta.has_more ? '' : ' (all of them)'}`;
    loadMore.hidden = !next.meta.has_more;
  }

  loadMore.addEventListener('click', async () => {
    if (!page) return;
    loadMore.disabled = true;
    loadMore.textContent = 'Loading…';
    try {
      const next = await page.nextPage();
      if (next) showPage(next);
      else loadMore.hidden = true;
    } catch (error) {
      status.textContent = `Could not load more products: ${message(error)}`;
    } finally {
      loadMore.disabled = false;
      loadMore.textContent = 'Load more';
    }
  });

  // (2) Create a product; the API's validation details go next to their fields.
  function clearErrors() {
    formError.textContent = '';
    for (const span of form.querySelectorAll<HTMLElement>('[data-error-for]')) span.textContent = '';
    for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
  }

  function showErrors(error: ApiError) {
    const unplaced: string[] = [];
    for (const detail of error.details) {
      const span = form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(detail.field)}"]`);
      if (!span) {
        unplaced.push(`${detail.field} ${detail.issue}`);
        continue;
      }
      span.textContent = span.textContent ? `${span.textContent}; ${detail.issue}` : detail.issue;
      const input = form.elements.namedItem(detail.field);
      if (input instanceof HTMLInputElement) input.setAttribute('aria-invalid', 'true');
    }
    if (unplaced.length || !error.details.length) formError.textContent = [error.message, ...unplaced].join(' · ');
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const fields = new FormData(form);
    const value = (name: string) => String(fields.get(name) ?? '').trim();
    const submit = form.querySelector('button')!;
    submit.disabled = true;
    try {
      const product = await nexus.products.create({
        sku: value('sku'),
        title: value('title'),
        price: value('price'),
        currency: value('currency'),
      });
      created.hidden = false;
      created.dataset.sku = product.sku;
      created.textContent = `Created ${product.sku}: “${product.title}”, ${price(product)}, ${product.status}`;
      form.reset();
    } catch (error) {
      created.hidden = true;
      // ValidationError (400/422) names fields in `details`; other API errors (409 DUPLICATE_SKU) may too.
      if (error instanceof ValidationError) showErrors(error);
      else if (error instanceof ApiError) showErrors(error);
      else formError.textContent = message(error);
    } finally {
      submit.disabled = false;
    }
  });

  // (3) Bulk import: one batch job; the bar shows what the API says about it.
  let progressEvents = 0;
  function showJob(job: Job) {
    const seen = importPanel.dataset.seen ? importPanel.dataset.seen.split(' ') : [];
    const latest = `${job.status}:${job.progress.processed}`;
    if (seen.at(-1) !== latest) importPanel.dataset.seen = [...seen, latest].join(' ');
    const { total, processed, succeeded, failed } = job.progress;
    importProgress.max = Math.max(total, 1);
    importProgress.value = processed;
    importProgress.textContent = `${processed}/${total}`;
    importPanel.dataset.status = job.status;
    importPanel.dataset.processed = String(processed);
    importPanel.dataset.total = String(total);
    importStatus.textContent = `Job ${job.id}: ${job.status}, ${processed}/${total} processed (${succeeded} succeeded, ${failed} failed)`;
  }

  importButton.addEventListener('click', async () => {
    importButton.disabled = true;
    importPanel.hidden = false;
    importNote.textContent = '';
    importStatus.textContent = 'Sending the batch…';
    progressEvents = 0;
    delete importPanel.dataset.outcome;
    delete importPanel.dataset.seen;
    const items = Array.from({ length: IMPORT_SIZE }, (_, i) => ({
      sku: `IMP-${String(i + 1).padStart(4, '0')}`,
      title: `Imported item ${i + 1}`,
      price: (199 + i * 10).toFixed(2),
      currency: 'INR',
    }));
    try {
      const job = await nexus.products.batch({ items });
      importPanel.dataset.jobId = job.id;
      showJob(await job.get());
      // wait() long-polls until the job ends; meanwhile a light poll moves the bar.
      let finished = false;
      const ticker = setInterval(() => {
        void job.get().then((j) => finished || showJob(j), () => {});
      }, PROGRESS_EVERY_MS);
      const done = await job
        .wait({
          timeoutMs: IMPORT_WAIT_MS,
          onProgress: (j) => {
            importPanel.dataset.progressEvents = String(++progressEvents);
            showJob(j);
          },
        })
        .finally(() => {
          finished = true;
          clearInterval(ticker);
        });
      showJob(done);
      importPanel.dataset.outcome = 'finished';
      importNote.textContent = done.errors.length ? `${done.errors.length} records were rejected.` : 'Every record was imported.';
    } catch (error) {
      if (error instanceof TimeoutError) {
        importPanel.dataset.outcome = 'timeout';
        importNote.textContent = `Still ${importPanel.dataset.status ?? 'unknown'} after ${IMPORT_WAIT_MS / 1000} s.`;
      } else if (error instanceof JobFailedError) {
        importPanel.dataset.outcome = 'failed';
        importNote.textContent = error.message;
      } else {
        importPanel.dataset.outcome = 'error';
        importNote.textContent = `Import failed: ${message(error)}`;
      }
    } finally {
      importButton.disabled = false;
    }
  });

  showPage(await nexus.products.list({ limit: PAGE_SIZE }));
  status.textContent = `Connected to the mock API at ${mock.baseUrl} (key ${mock.apiKey.slice(0, 13)}…)`;
  document.body.dataset.state = 'ready';
}

main().catch((error: unknown) => {
  status.textContent = `Could not start: ${message(error)}`;
  document.body.dataset.state = 'error';
  console.error(error);
});
