//! `Action` / `NotAction` matching.
//!
//! "IAM JSON policy elements: Action": action names are case-insensitive (`iam:passrole` is
//! `iam:PassRole`), and `*` and `?` are wildcards anywhere, including the service prefix.

use super::wildcard::glob_matches;

/// Whether one action pattern covers `action`.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    pattern == "*" || glob_matches(pattern, action, true)
}

/// The first of `patterns` that covers `action`, if any.
pub fn first_match<'p>(
    patterns: impl IntoIterator<Item = &'p str>,
    action: &str,
) -> Option<&'p str> {
    patterns.into_iter().find(|p| action_matches(p, action))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases = [
            ("*", "iam:PassRole", true),
            ("iam:PassRole", "iam:PassRole", true),
            ("iam:passrole", "iam:PassRole", true),
            ("IAM:PASSROLE", "iam:PassRole", true),
            ("iam:Pass*", "iam:PassRole", true),
            ("iam:*", "iam:PassRole", true),
            ("ec2:*", "iam:PassRole", false),
            ("iam:Get*", "iam:PassRole", false),
            ("iam:PassRol?", "iam:PassRole", true),
            ("iam:PassRole?", "iam:PassRole", false),
            ("*:PassRole", "iam:PassRole", true),
            ("ec2:*Instances", "ec2:RunInstances", true),
            ("ec2:*Instances", "ec2:RunInstance", false),
            ("s3:GetObject", "s3:GetObjectAcl", false),
        ];
        for (pattern, action, expected) in cases {
            assert_eq!(
                action_matches(pattern, action),
                expected,
                "{pattern} vs {action}"
            );
        }
    }
}
