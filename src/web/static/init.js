// Progressive enhancement: every journey works without this script.
import { initAll } from '/static/govuk-frontend.min.js';

initAll();
