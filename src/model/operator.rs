//! The condition operator table: every base operator with its family and whether it is
//! negated, plus the `ForAllValues:` / `ForAnyValue:` prefixes and the `IfExists` suffix.
//!
//! Source: IAM User Guide, "IAM JSON policy elements: Condition operators".

use serde::Serialize;

/// The operator families of the IAM User Guide, "Condition operators".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Family {
    /// `String*`: text comparison; `Like` forms take `*` and `?`.
    String,
    /// `Numeric*`: integers and decimals.
    Numeric,
    /// `Date*`: ISO 8601 dates or epoch seconds.
    Date,
    /// `Bool`.
    Bool,
    /// `BinaryEquals`: base64-encoded bytes.
    Binary,
    /// `IpAddress` / `NotIpAddress`: CIDR ranges, IPv4 and IPv6.
    Ip,
    /// `Arn*`: ARNs compared component by component.
    Arn,
    /// `Null`: whether the key is absent.
    Null,
}

macro_rules! base_operators {
    ($($name:ident => $family:ident, $negated:expr, $variables:expr;)*) => {
        /// A condition operator without its set prefix or `IfExists` suffix.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum BaseOperator {
            $(
                #[doc = concat!("`", stringify!($name), "`")]
                $name,
            )*
        }

        impl BaseOperator {
            /// Every base operator, in the order of the AWS documentation.
            pub const ALL: &'static [BaseOperator] = &[$(BaseOperator::$name),*];

            /// The operator's name as AWS spells it.
            pub fn name(self) -> &'static str {
                match self { $(BaseOperator::$name => stringify!($name)),* }
            }

            /// The family the operator belongs to.
            pub fn family(self) -> Family {
                match self { $(BaseOperator::$name => Family::$family),* }
            }

            /// True for operators that require the key *not* to match (`StringNotEquals`,
            /// `NotIpAddress`, ...). With a missing key they are true; with several policy
            /// values, none may match.
            pub fn is_negated(self) -> bool {
                match self { $(BaseOperator::$name => $negated),* }
            }

            /// Whether policy variables are substituted in this operator's values
            /// ("Condition operators": String, Bool and ARN operators support them).
            pub fn supports_variables(self) -> bool {
                match self { $(BaseOperator::$name => $variables),* }
            }
        }
    };
}

base_operators! {
    StringEquals => String, false, true;
    StringNotEquals => String, true, true;
    StringEqualsIgnoreCase => String, false, true;
    StringNotEqualsIgnoreCase => String, true, true;
    StringLike => String, false, true;
    StringNotLike => String, true, true;
    NumericEquals => Numeric, false, false;
    NumericNotEquals => Numeric, true, false;
    NumericLessThan => Numeric, false, false;
    NumericLessThanEquals => Numeric, false, false;
    NumericGreaterThan => Numeric, false, false;
    NumericGreaterThanEquals => Numeric, false, false;
    DateEquals => Date, false, false;
    DateNotEquals => Date, true, false;
    DateLessThan => Date, false, false;
    DateLessThanEquals => Date, false, false;
    DateGreaterThan => Date, false, false;
    DateGreaterThanEquals => Date, false, false;
    Bool => Bool, false, true;
    BinaryEquals => Binary, false, false;
    IpAddress => Ip, false, false;
    NotIpAddress => Ip, true, false;
    ArnEquals => Arn, false, true;
    ArnLike => Arn, false, true;
    ArnNotEquals => Arn, true, true;
    ArnNotLike => Arn, true, true;
    Null => Null, false, false;
}

/// `ForAllValues:` or `ForAnyValue:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum SetOperator {
    /// Every value in the request must match (true when the key is missing or empty).
    ForAllValues,
    /// At least one value in the request must match (false when the key is missing).
    ForAnyValue,
}

impl SetOperator {
    /// As written, without the colon.
    pub fn name(self) -> &'static str {
        match self {
            SetOperator::ForAllValues => "ForAllValues",
            SetOperator::ForAnyValue => "ForAnyValue",
        }
    }
}

/// A full condition operator: `[ForAllValues:|ForAnyValue:]Base[IfExists]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operator {
    /// The set prefix, if any.
    pub set: Option<SetOperator>,
    /// The base operator.
    pub base: BaseOperator,
    /// True with the `IfExists` suffix: a missing key makes the condition true.
    pub if_exists: bool,
}

/// Why an operator name was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperatorError {
    /// The set prefix before `:` is not `ForAllValues` or `ForAnyValue`.
    UnknownSetOperator(String),
    /// The base operator is unknown; carries the closest known name, if any.
    UnknownOperator(Option<&'static str>),
    /// `NullIfExists` (AWS rejects it: `Null` already tests existence).
    NullIfExists,
}

impl Operator {
    /// Parses an operator name. Names are matched exactly as AWS spells them.
    pub fn parse(text: &str) -> Result<Operator, OperatorError> {
        let (set, rest) = match text.split_once(':') {
            Some((prefix, rest)) => {
                let set = match prefix {
                    "ForAllValues" => SetOperator::ForAllValues,
                    "ForAnyValue" => SetOperator::ForAnyValue,
                    other => return Err(OperatorError::UnknownSetOperator(other.to_string())),
                };
                (Some(set), rest)
            }
            None => (None, text),
        };
        let (base_text, if_exists) = match rest.strip_suffix("IfExists") {
            Some(base) => (base, true),
            None => (rest, false),
        };
        let base = BaseOperator::ALL
            .iter()
            .copied()
            .find(|op| op.name() == base_text)
            .ok_or_else(|| {
                let names: Vec<&'static str> =
                    BaseOperator::ALL.iter().map(|op| op.name()).collect();
                OperatorError::UnknownOperator(crate::diagnostic::did_you_mean(base_text, &names))
            })?;
        if base == BaseOperator::Null && if_exists {
            return Err(OperatorError::NullIfExists);
        }
        Ok(Operator {
            set,
            base,
            if_exists,
        })
    }

    /// The operator as AWS spells it.
    pub fn name(&self) -> String {
        let mut s = String::with_capacity(48);
        if let Some(set) = self.set {
            s.push_str(set.name());
            s.push(':');
        }
        s.push_str(self.base.name());
        if self.if_exists {
            s.push_str("IfExists");
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        let op = Operator::parse("ForAllValues:StringLikeIfExists").unwrap();
        assert_eq!(op.set, Some(SetOperator::ForAllValues));
        assert_eq!(op.base, BaseOperator::StringLike);
        assert!(op.if_exists);
        assert_eq!(op.name(), "ForAllValues:StringLikeIfExists");
        assert_eq!(Operator::parse("Bool").unwrap().base, BaseOperator::Bool);
        assert_eq!(
            Operator::parse("NullIfExists"),
            Err(OperatorError::NullIfExists)
        );
        assert_eq!(
            Operator::parse("StringEqual"),
            Err(OperatorError::UnknownOperator(Some("StringEquals")))
        );
        assert_eq!(
            Operator::parse("ForSomeValues:StringEquals"),
            Err(OperatorError::UnknownSetOperator("ForSomeValues".into()))
        );
    }

    #[test]
    fn table_is_consistent() {
        for op in BaseOperator::ALL {
            assert_eq!(Operator::parse(op.name()).map(|o| o.base), Ok(*op));
            // Negated names say so.
            assert_eq!(op.is_negated(), op.name().contains("Not"), "{}", op.name());
        }
    }
}
