//! Why `iam:PassRole` exists, said once and attached to every PassRole result.
//!
//! IAM User Guide, "Grant a user permissions to pass a role to an AWS service": "To pass a role
//! (and its permissions) to an AWS service, a user must have permissions to pass the role to
//! the service. This helps administrators ensure that only approved users can configure a
//! service with a role that grants permissions." "IAM and AWS STS condition context keys":
//! `iam:PassedToService` "Specifies the service principal of the service to which a role can be
//! passed", `iam:AssociatedResourceArn` "Specifies the ARN of the resource to which this role
//! will be associated at the destination service".

use std::sync::OnceLock;

use crate::answer::result::PassRoleNote;
use crate::i18n::{has_catalog, message, Lang};

/// The AWS page that explains passing roles (`passrole-note.learn-more` in each language's
/// catalog is its address in that language).
pub const LEARN_MORE: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html";

/// True for the `iam:PassRole` action (case-insensitive, as actions are).
pub fn is_pass_role(action: &str) -> bool {
    action.eq_ignore_ascii_case("iam:PassRole")
}

/// The note for a request's action, when it is `iam:PassRole`, in English.
pub fn note(action: &str) -> Option<PassRoleNote> {
    is_pass_role(action).then(|| note_in(Lang::En))
}

/// The note in `lang` (its sentences are the catalogs' `passrole-note.*`).
///
/// Written once per language and copied after: the note is the same for every PassRole
/// request, and writing it (three lookups, a paragraph scanned for placeholders) was 4% of
/// an explained PassRole answer's instructions. A language whose catalog is not there yet
/// (the page installs Japanese after start) is written each time, so that the English
/// stand-in is never kept once the catalog arrives; an installed catalog never changes.
pub fn note_in(lang: Lang) -> PassRoleNote {
    static NOTES: [OnceLock<PassRoleNote>; Lang::ALL.len()] =
        [const { OnceLock::new() }; Lang::ALL.len()];
    if !has_catalog(lang) {
        return written(lang);
    }
    lang.pick(&NOTES).get_or_init(|| written(lang)).clone()
}

/// The note written from `lang`'s catalog.
fn written(lang: Lang) -> PassRoleNote {
    PassRoleNote {
        summary: message(lang, "passrole-note.summary", &[]),
        explanation: message(lang, "passrole-note.explanation", &[]),
        learn_more: message(lang, "passrole-note.learn-more", &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_page_is_the_one_the_catalog_names() {
        assert_eq!(note_in(Lang::En).learn_more, LEARN_MORE);
        let ja = note_in(Lang::Ja).learn_more;
        assert_eq!(ja, LEARN_MORE.replace("/IAM/", "/ja_jp/IAM/"));
    }
}
