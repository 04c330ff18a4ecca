//! The answer in another language: every sentence of the answer that the engine wrote from a
//! catalog message ([`crate::i18n::Msg`], kept beside its English text) is rendered again in
//! the reader's language. English is what the engine produced, so it is left as it is: an
//! English answer is byte for byte the same with or without this step.
//!
//! The answer schema (`answer::result`) is a leaf, so the rendering lives here, at the door.

use crate::answer::passrole;
use crate::answer::result::{Answer, Brief, DiagnosticOut, RequestResult, StatementExplanation};
use crate::i18n::Lang;

impl Answer {
    /// Renders the answer's sentences in `lang`: diagnostics, each request's summary, layer
    /// reasons and statement explanations, the PassRole note, the policies' labels. Codes, names and data stay.
    pub fn localize(&mut self, lang: Lang) {
        if lang == Lang::En {
            return;
        }
        for d in &mut self.diagnostics {
            d.localize(lang);
        }
        for r in &mut self.requests {
            r.localize(lang);
        }
        for p in &mut self.policies {
            if let Some(m) = &p.label_msg {
                p.label = m.render(lang);
            }
        }
    }
}

impl Brief {
    /// Renders the brief answer's diagnostics in `lang` (it has no other sentences).
    pub fn localize(&mut self, lang: Lang) {
        for d in &mut self.diagnostics {
            d.localize(lang);
        }
    }
}

impl RequestResult {
    /// Renders one request's sentences in `lang`.
    pub fn localize(&mut self, lang: Lang) {
        if lang == Lang::En {
            return;
        }
        if let Some(m) = &self.summary_msg {
            self.summary = m.render(lang);
        }
        for l in &mut self.layers {
            if let Some(m) = &l.reason_msg {
                l.reason = m.render(lang);
            }
        }
        if let Some(note) = &mut self.pass_role_note {
            *note = passrole::note_in(lang);
        }
        for c in &mut self.context {
            if let Some(m) = &c.derived_from_msg {
                c.derived_from = Some(m.render(lang));
            }
        }
        for s in self
            .statements
            .iter_mut()
            .chain(&mut self.disabled_statements)
        {
            s.localize(lang);
        }
    }
}

impl StatementExplanation {
    /// Renders a statement's explanation in `lang`: each element's detail, each condition's
    /// reason and each value's note.
    pub fn localize(&mut self, lang: Lang) {
        for e in [&mut self.action, &mut self.resource]
            .into_iter()
            .chain(self.principal.as_mut())
        {
            if let Some(m) = &e.detail_msg {
                e.detail = m.render(lang);
            }
        }
        for c in &mut self.conditions {
            if let Some(m) = &c.reason_msg {
                c.reason = m.render(lang);
            }
            for v in &mut c.values {
                if let Some(m) = &v.note_msg {
                    v.note = Some(m.render(lang));
                }
            }
        }
    }
}

impl DiagnosticOut {
    /// Renders the message and help in `lang` where they are catalog messages (English stays
    /// as it was produced; plain texts stay as written).
    pub fn localize(&mut self, lang: Lang) {
        if lang == Lang::En {
            return;
        }
        let Some(msgs) = &self.msgs else {
            return;
        };
        if let Some(m) = &msgs.message {
            self.message = m.render(lang);
        }
        if let (Some(m), Some(_)) = (&msgs.help, &self.help) {
            self.help = Some(m.render(lang));
        }
    }
}
