//! The tape: a value written as a list of 32-bit words and one string, the form in which the
//! WebAssembly modules hand the answers of `evaluate` and `decide` to JavaScript.
//!
//! A [`Tape`] is a serde serializer that gives the same value as `serde_json` does (`null` for
//! a missing value, plain objects, numbers; fields in declaration order, skipped ones left
//! out, flattened ones inlined), but instead of JSON text it writes one word per value into
//! [`Tape::words`] and every string's text, end to end, into [`Tape::text`]. The binding
//! passes both to `src/wasm/tape.js` in one call, where one loop builds the objects: the
//! whole text crosses into JavaScript once, and each string is a slice of it. Handing every
//! string over by itself (serde-wasm-bindgen) cost a call into JavaScript and a text decoding
//! each: a fifth of an explained answer's time, and the building of the objects as much again.
//!
//! # Format
//!
//! A word's low four bits are its tag, the other 28 its payload `n`:
//!
//! | tag | value | payload | followed by |
//! |---|---|---|---|
//! | 0, 1, 2 | `null`, `false`, `true` | 0 | |
//! | 3 | a whole number below 2²⁸ | the number | |
//! | 4 | any other number | 0 | the two words of its IEEE-754 double, low word first |
//! | 5 | a string | its length in UTF-16 code units | |
//! | 6 | an array | its length | its `n` values |
//! | 7 | an object | its number of members | `n` times a key, then a value |
//! | 8 | a field name the reader has not been given | its length in UTF-16 code units | its number |
//! | 9 | a field name given before (in this tape or an earlier one) | its number | |
//! | 10 | a location ([`Location`](crate::diagnostic::Location)) | 8 | its members' values, in the order of [`LOCATION_FIELDS`] |
//!
//! A string's text (tags 5 and 8) is the next `n` code units of [`Tape::text`]: the reader
//! keeps one position there and moves it past each. A key is tag 8 or 9, or tag 5 for a map's
//! key (flattened fields among them: serde hands them over as a map's), which is written in
//! full each time: it may be the user's text, which a reader does not keep, or a temporary.
//!
//! A location is the object the reader knows by shape: the most frequent object of an answer
//! (an explained PassRole answer has 38, 304 of its 700 members). A tape is not human-readable
//! (serde's `is_human_readable`), so a [`Location`](crate::diagnostic::Location) hands itself
//! over as its values alone, a tuple struct, which the tape writes as tag 10 and the reader
//! builds as one object literal with the members' names, instead of adding eight members one
//! by one (measured in Node over the corpus, alternating passes in both orders: the deciding
//! module's `evaluate` 0.93-0.95x the time, `decide` 0.97-0.98x, 29 bytes more).
//!
//! Field names (a struct's, which are static) are numbered once for many tapes: a [`Fields`]
//! remembers the ones a reader has been given, by the address of their text (static, so the
//! same for the program's life), so that a reader that keeps its names (the binding keeps one
//! list for the module) is sent each text once, not once per answer. [`Fields::learn`]
//! records a tape's new names ([`Tape::learned`]) after the reader has read it; a tape that
//! was not read teaches nothing, and the next tape sends its names again.

pub use crate::diagnostic::LOCATION_FIELDS;
use rustc_hash::FxHashMap;
use serde::ser::{self, Serialize};
use std::fmt;

const NULL: u32 = 0;
const FALSE: u32 = 1;
const TRUE: u32 = 2;
const INT: u32 = 3;
const FLOAT: u32 = 4;
const STRING: u32 = 5;
const ARRAY: u32 = 6;
const OBJECT: u32 = 7;
const NEW_FIELD: u32 = 8;
const FIELD: u32 = 9;
const LOCATION: u32 = 10;
/// Payloads are below this (28 bits).
const PAYLOAD_LIMIT: u64 = 1 << 28;

/// The field names a reader has been given, by the address and length of their (static)
/// text, and their numbers: see the [module documentation](self).
#[derive(Debug)]
pub struct Fields {
    known: FxHashMap<(usize, usize), u32>,
    /// The table of names met last ([`Tape::field`]) of the last tape read: every name in it
    /// is one the reader has, so the next tape starts from it.
    recent: [Recent; RECENT],
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            known: FxHashMap::default(),
            recent: [Recent::default(); RECENT],
        }
    }
}

/// The field names a tape gave for the first time ([`Tape::learned`]), and its table of the
/// names it met last.
#[derive(Debug)]
pub struct Learned {
    new_fields: FxHashMap<(usize, usize), u32>,
    recent: [Recent; RECENT],
}

impl Fields {
    /// Records the field names a tape gave, once its reader has read it.
    pub fn learn(&mut self, learned: Learned) {
        self.known.extend(learned.new_fields);
        self.recent = learned.recent;
    }

    /// How many field names the reader has been given.
    pub fn len(&self) -> usize {
        self.known.len()
    }

    /// Whether the reader has been given none.
    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }
}

/// A value written as a tape: see the [module documentation](self).
#[derive(Debug)]
pub struct Tape<'f> {
    /// One word per value (two more for a number that is not a small whole number).
    pub words: Vec<u32>,
    /// The text of every string and every new key, in the order the words name them.
    pub text: String,
    /// The field names the reader already has.
    fields: &'f Fields,
    /// The field names this tape gives for the first time, and their numbers.
    new_fields: FxHashMap<(usize, usize), u32>,
    /// The numbers of the field names met last, by a hash of their address, from the last
    /// tape read on: see [`Tape::field`].
    recent: [Recent; RECENT],
}

/// A field name's address and length, and its number (an empty slot: address 0, which no
/// text has).
#[derive(Debug, Clone, Copy, Default)]
struct Recent {
    address: usize,
    len: usize,
    number: u32,
}

/// How many field names [`Tape::field`] remembers (a power of two).
const RECENT: usize = 128;

/// Why a value cannot be written as a tape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TapeError(pub String);

impl fmt::Display for TapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TapeError {}

impl ser::Error for TapeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TapeError(msg.to_string())
    }
}

impl<'f> Tape<'f> {
    /// Writes `value` as a tape for a reader that has been given `fields`.
    pub fn of<T: Serialize + ?Sized>(value: &T, fields: &'f Fields) -> Result<Self, TapeError> {
        let mut tape = Tape {
            // A brief answer's size, so that most are written without growing.
            words: Vec::with_capacity(128),
            text: String::with_capacity(1024),
            fields,
            new_fields: FxHashMap::default(),
            recent: fields.recent,
        };
        value.serialize(&mut tape)?;
        Ok(tape)
    }

    /// The field names this tape gives for the first time, for [`Fields::learn`] once its
    /// reader has read it.
    pub fn learned(self) -> Learned {
        Learned {
            new_fields: self.new_fields,
            recent: self.recent,
        }
    }

    // `#[inline]` here and on `write_text`, `Compound::element` and `Compound::close`: the
    // deciding module is optimised for size (`s`), which left these small steps as calls;
    // inlined, its `evaluate` took 0.96-0.98x the time over the corpus, for 17 bytes.
    #[inline]
    fn word(&mut self, tag: u32, payload: u64) -> Result<(), TapeError> {
        if payload >= PAYLOAD_LIMIT {
            return Err(TapeError(format!(
                "a string, array or object of {payload} elements is too long to hand over"
            )));
        }
        self.words.push(tag | (payload as u32) << 4);
        Ok(())
    }

    fn float(&mut self, value: f64) {
        if value.is_finite() {
            let bits = value.to_bits();
            self.words.extend([FLOAT, bits as u32, (bits >> 32) as u32]);
        } else {
            // As serde_json writes it.
            self.words.push(NULL);
        }
    }

    fn unsigned(&mut self, value: u64) {
        if value < PAYLOAD_LIMIT {
            self.words.push(INT | (value as u32) << 4);
        } else {
            self.float(value as f64);
        }
    }

    fn signed(&mut self, value: i64) {
        match u64::try_from(value) {
            Ok(value) => self.unsigned(value),
            Err(_) => self.float(value as f64),
        }
    }

    #[inline]
    fn write_text(&mut self, tag: u32, text: &str) -> Result<(), TapeError> {
        self.word(tag, utf16_len(text) as u64)?;
        self.text.push_str(text);
        Ok(())
    }

    /// Writes a field name: its number when the reader has it (given before, or earlier in
    /// this tape), else its text and a new number.
    ///
    /// An answer writes a field name per member (a location's are not written: see the
    /// module documentation), a few dozen names hundreds of times over: the last number of each name is kept in a small table
    /// indexed by a hash of the name's address, and looked up there first, before the maps
    /// (measured natively with cachegrind, writing the explained PassRole answer took 98.3K
    /// instructions with the maps alone, 80.3K with the table; a third of the maps' cost was
    /// the calls' own setup, hence the split below). A slot holds one name; two names sharing
    /// a slot take turns in it, each found in the maps when it is out.
    ///
    /// A tape starts from the table of the last tape its reader read ([`Fields::learn`]
    /// keeps it), whose names the reader all has: a name's number stays valid for the
    /// reader's life. A tape that was not read leaves the table as it was, as it leaves the
    /// names (measured over the corpus natively: the tapes' misses, first meetings of each
    /// name in each answer, had become the largest part of writing them).
    fn field(&mut self, key: &'static str) -> Result<(), TapeError> {
        let at = (key.as_ptr() as usize, key.len());
        let slot = ((at.0 as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 57) as usize % RECENT;
        match self.recent.get(slot) {
            Some(recent) if recent.address == at.0 && recent.len == at.1 => {
                // Numbers are below the payload limit: there are a few dozen names.
                self.words.push(FIELD | recent.number << 4);
                Ok(())
            }
            _ => self.field_from_maps(key, at, slot),
        }
    }

    /// [`Tape::field`] for a name not in its table: out of line, so that the common case
    /// (a table hit) is a few instructions where it is called.
    #[inline(never)]
    fn field_from_maps(
        &mut self,
        key: &'static str,
        at: (usize, usize),
        slot: usize,
    ) -> Result<(), TapeError> {
        // Known to the reader, or given earlier in this tape: named by number.
        let given = self
            .fields
            .known
            .get(&at)
            .or_else(|| self.new_fields.get(&at));
        let number = match given.copied() {
            Some(number) => {
                self.word(FIELD, number.into())?;
                number
            }
            None => {
                let next = (self.fields.known.len() + self.new_fields.len()) as u32;
                self.new_fields.insert(at, next);
                self.write_text(NEW_FIELD, key)?;
                self.words.push(next);
                next
            }
        };
        if let Some(recent) = self.recent.get_mut(slot) {
            *recent = Recent {
                address: at.0,
                len: at.1,
                number,
            };
        }
        Ok(())
    }

    /// Starts an array or object: its word's count is written when it ends.
    fn open(&mut self, tag: u32) -> Compound<'_, 'f> {
        let at = self.words.len();
        self.words.push(tag);
        Compound {
            tape: self,
            at,
            count: 0,
        }
    }

    /// Starts `{variant: ...}`, as serde_json writes a variant with data.
    fn variant(&mut self, variant: &'static str) -> Result<(), TapeError> {
        self.word(OBJECT, 1)?;
        self.field(variant)
    }
}

/// The length of `text` in UTF-16 code units (JavaScript's `length`).
fn utf16_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().map(char::len_utf16).sum()
    }
}

/// An array or object being written.
pub struct Compound<'a, 'f> {
    tape: &'a mut Tape<'f>,
    at: usize,
    count: u64,
}

impl Compound<'_, '_> {
    #[inline]
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.count += 1;
        value.serialize(&mut *self.tape)
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        self.tape.field(key)?;
        self.element(value)
    }

    #[inline]
    fn close(self) -> Result<(), TapeError> {
        if self.count >= PAYLOAD_LIMIT {
            return Err(TapeError(format!(
                "an array or object of {} elements is too long to hand over",
                self.count
            )));
        }
        self.tape.words[self.at] |= (self.count as u32) << 4;
        Ok(())
    }
}

/// `serialize_i8`, `serialize_u64`, `serialize_f32`...: each number widened and written as
/// [`Tape::signed`], [`Tape::unsigned`] or [`Tape::float`] writes it.
macro_rules! numbers {
    ($($method:ident: $t:ty => $how:ident),*) => {
        $(fn $method(self, v: $t) -> Result<(), TapeError> {
            self.$how(v.into());
            Ok(())
        })*
    };
}

impl<'a, 'f> ser::Serializer for &'a mut Tape<'f> {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = Compound<'a, 'f>;
    type SerializeTuple = Compound<'a, 'f>;
    type SerializeTupleStruct = Compound<'a, 'f>;
    type SerializeTupleVariant = Compound<'a, 'f>;
    type SerializeMap = Compound<'a, 'f>;
    type SerializeStruct = Compound<'a, 'f>;
    type SerializeStructVariant = Compound<'a, 'f>;

    /// Not meant for people: a [`Location`](crate::diagnostic::Location) is written as its
    /// values alone.
    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result<(), TapeError> {
        self.words.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    numbers!(
        serialize_i8: i8 => signed, serialize_i16: i16 => signed, serialize_i32: i32 => signed,
        serialize_i64: i64 => signed, serialize_u8: u8 => unsigned, serialize_u16: u16 => unsigned,
        serialize_u32: u32 => unsigned, serialize_u64: u64 => unsigned,
        serialize_f32: f32 => float, serialize_f64: f64 => float
    );
    fn serialize_char(self, v: char) -> Result<(), TapeError> {
        self.write_text(STRING, v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), TapeError> {
        self.write_text(STRING, v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), TapeError> {
        // serde_json writes bytes as an array of numbers.
        self.word(ARRAY, v.len() as u64)?;
        v.iter().for_each(|&b| self.unsigned(b.into()));
        Ok(())
    }
    fn serialize_none(self) -> Result<(), TapeError> {
        self.words.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), TapeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), TapeError> {
        self.words.push(NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), TapeError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), TapeError> {
        self.write_text(STRING, variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        self.variant(variant)?;
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 'f>, TapeError> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a, 'f>, TapeError> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'f>, TapeError> {
        // A location's values (see the module documentation); any other tuple struct is an
        // array, as serde_json writes it.
        if name == "Location" && len == LOCATION_FIELDS.len() {
            return Ok(self.open(LOCATION));
        }
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'f>, TapeError> {
        self.variant(variant)?;
        Ok(self.open(ARRAY))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 'f>, TapeError> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'f>, TapeError> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'f>, TapeError> {
        self.variant(variant)?;
        Ok(self.open(OBJECT))
    }
}

/// The compound traits serde has for a value's parts, all written the same way: those whose
/// parts have no names (an array), and those whose parts are fields (an object).
macro_rules! compound {
    (elements: $($trait:ident::$method:ident),*; fields: $($named:ident),*) => {
        $(impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = TapeError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
                self.element(value)
            }
            fn end(self) -> Result<(), TapeError> {
                self.close()
            }
        })*
        $(impl ser::$named for Compound<'_, '_> {
            type Ok = ();
            type Error = TapeError;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), TapeError> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), TapeError> {
                self.close()
            }
        })*
    };
}

compound!(
    elements: SerializeSeq::serialize_element, SerializeTuple::serialize_element,
        SerializeTupleStruct::serialize_field, SerializeTupleVariant::serialize_field;
    fields: SerializeStruct, SerializeStructVariant
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TapeError> {
        key.serialize(MapKey(&mut *self.tape))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), TapeError> {
        self.close()
    }
}

/// A map's key: a string. serde_json also takes numbers and `char`s as keys (written as
/// text); no answer has such a map, and a key that is not a string is an error here, not a
/// guess.
struct MapKey<'a, 'f>(&'a mut Tape<'f>);

fn not_a_key() -> TapeError {
    TapeError("an object's key must be a string".to_owned())
}

/// A map key's `serialize_bool`, `serialize_i8`...: each an error.
macro_rules! not_keys {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, _v: $t) -> Result<(), TapeError> {
            Err(not_a_key())
        })*
    };
}

impl ser::Serializer for MapKey<'_, '_> {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = ser::Impossible<(), TapeError>;
    type SerializeTuple = ser::Impossible<(), TapeError>;
    type SerializeTupleStruct = ser::Impossible<(), TapeError>;
    type SerializeTupleVariant = ser::Impossible<(), TapeError>;
    type SerializeMap = ser::Impossible<(), TapeError>;
    type SerializeStruct = ser::Impossible<(), TapeError>;
    type SerializeStructVariant = ser::Impossible<(), TapeError>;

    fn serialize_str(self, v: &str) -> Result<(), TapeError> {
        self.0.write_text(STRING, v)
    }
    not_keys!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char
    );
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), TapeError> {
        self.0.field(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        value.serialize(self)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_none(self) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_unit(self) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), TapeError> {
        Err(not_a_key())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, TapeError> {
        Err(not_a_key())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, TapeError> {
        Err(not_a_key())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, TapeError> {
        Err(not_a_key())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, TapeError> {
        Err(not_a_key())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, TapeError> {
        Err(not_a_key())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, TapeError> {
        Err(not_a_key())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, TapeError> {
        Err(not_a_key())
    }
}
