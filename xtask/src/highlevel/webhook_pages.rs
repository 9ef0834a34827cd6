//! HighLevel's webhook event pages (`data/sources/highlevel/webhook-events/*.md`): one page per
//! event, named after it, with its payload schema and no scope.
//!
//! Every page's event becomes a webhook record: an event the tables list gains the page in its
//! provenance; an event no table lists is added **documented but scope-unknown** (`scopes: []`,
//! `access: []`), never with a guessed scope. An event the tables list without a page is
//! reported (`webhook-without-page`) and kept.

use std::collections::BTreeSet;

use scopewise_model::dataset::{Provenance, WebhookRecord};

use super::anomaly::{Anomaly, AnomalyKind, Resolution};
use super::error::{IngestError, Location};

/// The pages' folder under [`super::SOURCES_DIR`].
pub const DIR: &str = "webhook-events";

/// One page as read.
#[derive(Debug, Clone)]
pub struct PageInput {
    /// Source id: `webhook-events/<Event>.md`.
    pub id: &'static str,
    /// The page's text.
    pub text: String,
}

/// Where every page went: `pages = merged + added`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageAccounting {
    /// Pages read.
    pub pages: u32,
    /// Pages of events a table lists (the table gives the scope).
    pub merged: u32,
    /// Pages of events no table lists: added, scope unknown.
    pub added: u32,
}

impl PageAccounting {
    /// One line for the summary and the report.
    pub fn summary(&self) -> String {
        format!(
            "{} pages = {} events a table lists (with their scope) + {} added with an unknown scope",
            self.pages, self.merged, self.added
        )
    }
}

/// Merges the pages into the tables' webhook records (sorted by event on return).
pub fn merge_pages(
    pages: &[PageInput],
    webhooks: &mut Vec<WebhookRecord>,
    anomalies: &mut Vec<Anomaly>,
) -> Result<PageAccounting, IngestError> {
    let mut accounting = PageAccounting::default();
    let mut seen = BTreeSet::new();
    for page in pages {
        let event = page
            .id
            .strip_prefix(&format!("{DIR}/"))
            .and_then(|n| n.strip_suffix(".md"))
            .filter(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric()))
            .ok_or_else(|| {
                IngestError::at(
                    Location::file(&super::source_path(page.id)),
                    "a webhook page's file name must be the event's name (letters and digits) and `.md`",
                )
            })?;
        // The page's title (`# Contact`) is its line in the provenance.
        let line = page
            .text
            .lines()
            .position(|l| l.starts_with("# "))
            .map_or(1, |i| i as u32 + 1);
        accounting.pages += 1;
        seen.insert(event.to_owned());
        let row = Provenance {
            source: page.id.to_owned(),
            line,
            scope: String::new(),
            corrected_by: None,
        };
        match webhooks.iter_mut().find(|w| w.event == event) {
            Some(w) => {
                accounting.merged += 1;
                w.provenance.push(row);
            }
            None => {
                accounting.added += 1;
                webhooks.push(WebhookRecord {
                    event: event.to_owned(),
                    scopes: Vec::new(),
                    access: Vec::new(),
                    provenance: vec![row],
                });
            }
        }
    }
    for w in webhooks.iter().filter(|w| !seen.contains(&w.event)) {
        let at = w.provenance.first();
        anomalies.push(Anomaly {
            source: at.map_or("current", |p| source_id(&p.source)),
            line: at.map_or(1, |p| p.line),
            kind: AnomalyKind::WebhookWithoutPage,
            detail: format!("`{}` has no page in {}/{DIR}/", w.event, super::SOURCES_DIR),
            resolution: Resolution::Kept("the table's record is kept".into()),
        });
    }
    webhooks.sort_by(|a, b| a.event.cmp(&b.event));
    Ok(accounting)
}

/// The `&'static` id of a table source.
fn source_id(id: &str) -> &'static str {
    super::SOURCES
        .iter()
        .find(|s| s.id == id)
        .map_or("current", |s| s.id)
}

#[cfg(test)]
mod tests {
    use crate::highlevel::{Inputs, ingest};

    #[test]
    fn every_page_is_an_event_and_none_gets_a_guessed_scope() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let ing = ingest(&Inputs::read(&root).expect("inputs")).expect("ingest");
        let a = &ing.webhook_pages;
        assert_eq!((a.pages, a.merged, a.added), (58, 24, 34));
        let w = |e: &str| {
            ing.catalog
                .webhooks
                .iter()
                .find(|w| w.event == e)
                .unwrap_or_else(|| panic!("{e}"))
        };
        let appointment = w("AppointmentCreate");
        assert!(appointment.scopes.is_empty() && appointment.access.is_empty());
        assert_eq!(
            appointment.provenance[0].source,
            "webhook-events/AppointmentCreate.md"
        );
        assert_eq!(appointment.provenance[0].line, 5);
        let contact = w("ContactCreate");
        assert_eq!(contact.scopes, ["contacts.readonly"]);
        assert!(
            contact
                .provenance
                .iter()
                .any(|p| p.source == "webhook-events/ContactCreate.md")
        );
        // 26 table events + 34 from the pages; two table events have no page.
        assert_eq!(ing.catalog.webhooks.len(), 60);
        let without: Vec<&str> = ing
            .anomalies
            .iter()
            .filter(|a| a.kind == super::AnomalyKind::WebhookWithoutPage)
            .map(|a| a.detail.as_str())
            .collect();
        assert_eq!(without.len(), 2);
    }
}
