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
//! | 7 | an object | its number of members | `n` times a key (a string), then a value |
//! | 8 | an object of a known shape ([`SHAPES`]) | its shape's number; above [`SHAPE_BITS`] bits, which of its optional members are left out | the values of the others, in order |
//!
//! A string's text is the next `n` code units of [`Tape::text`]: the reader keeps one
//! position there and moves it past each.
//!
//! The structs of an answer are objects the reader knows by shape ([`shapes`]): each is
//! written as one word, its shape's number and which of its optional members serde left out
//! (`skip_field`), then its members' values without their names, and the reader builds it
//! from an object literal. A location ([`Location`](crate::diagnostic::Location)), the most
//! frequent (an explained PassRole answer has 38, 304 of its 700 members), hands over its
//! values alone, as a tuple struct, since a tape is not human-readable (serde's
//! `is_human_readable`); the other structs come as structs, and every member's name is
//! checked against the shape's as it is written. Any other object (a map, a variant, a struct
//! without a shape) is written with its members' names in full: no answer has one (the
//! tests of the tape check it).

pub mod shapes;

use crate::by_address::ByAddress;
pub use crate::diagnostic::LOCATION_FIELDS;
use serde::ser::{self, Serialize};
pub use shapes::{Shape, SHAPES, SHAPE_BITS};
use std::fmt;

const NULL: u32 = 0;
const FALSE: u32 = 1;
const TRUE: u32 = 2;
const INT: u32 = 3;
const FLOAT: u32 = 4;
const STRING: u32 = 5;
const ARRAY: u32 = 6;
const OBJECT: u32 = 7;
const SHAPED: u32 = 8;
/// Payloads are below this (28 bits).
const PAYLOAD_LIMIT: u64 = 1 << 28;

/// A value written as a tape: see the [module documentation](self).
#[derive(Debug)]
pub struct Tape {
    /// One word per value (two more for a number that is not a small whole number).
    pub words: Vec<u32>,
    /// The text of every string, in the order the words name them.
    pub text: String,
}

/// Why a value cannot be written as a tape.
///
/// Boxed: every step of the writer returns a `Result` of it, which is then one word, handed
/// back in a register; a `String` made it three, written to and read back from memory at
/// every call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TapeError(pub Box<String>);

impl TapeError {
    fn new(message: String) -> Self {
        TapeError(Box::new(message))
    }
}

impl fmt::Display for TapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TapeError {}

impl ser::Error for TapeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TapeError::new(msg.to_string())
    }
}

impl Tape {
    /// Writes `value` as a tape.
    pub fn of<T: Serialize + ?Sized>(value: &T) -> Result<Self, TapeError> {
        let mut tape = Tape {
            // A brief answer's size, so that most are written without growing.
            words: Vec::with_capacity(128),
            text: String::with_capacity(1024),
        };
        value.serialize(&mut tape)?;
        if !tape.text.is_ascii() {
            tape.count_in_utf16();
        }
        Ok(tape)
    }

    /// Turns every string's length from bytes, as [`Tape::write_string`] writes it, into UTF-16
    /// code units, as the format has it. Only for a text that is not all ASCII (where the two
    /// are the same): one pass over the words, instead of one look at every string's bytes
    /// as it is written.
    #[cold]
    fn count_in_utf16(&mut self) {
        let mut pos = 0;
        let mut at = 0;
        while let Some(word) = self.words.get_mut(at) {
            match *word & 15 {
                // A number's two words of bits follow its word.
                FLOAT => at += 3,
                STRING => {
                    let bytes = (*word >> 4) as usize;
                    let text = self.text.get(pos..pos + bytes).unwrap_or("");
                    let units: usize = text.chars().map(char::len_utf16).sum();
                    *word = STRING | (units as u32) << 4;
                    pos += bytes;
                    at += 1;
                }
                _ => at += 1,
            }
        }
    }

    // `#[inline]` here and on `write_string`, `Compound::element` and `Compound::close`: the
    // deciding module is optimised for size (`s`), which left these small steps as calls;
    // inlined, its `evaluate` took 0.96-0.98x the time over the corpus, for 17 bytes.
    #[inline]
    fn word(&mut self, tag: u32, payload: u64) -> Result<(), TapeError> {
        if payload >= PAYLOAD_LIMIT {
            return Err(TapeError::new(format!(
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

    /// Writes a string's word and text. Its length is written in bytes, which
    /// [`Tape::count_in_utf16`] turns into UTF-16 code units at the end when they differ.
    #[inline]
    fn write_string(&mut self, text: &str) -> Result<(), TapeError> {
        self.word(STRING, text.len() as u64)?;
        self.text.push_str(text);
        Ok(())
    }

    /// Starts an array or object: its word's count is written when it ends.
    fn open(&mut self, tag: u32) -> Compound<'_> {
        self.open_with(tag, None)
    }

    /// Starts an object of the shape numbered `number`: which of its members are left out is
    /// marked in its word as they are met.
    fn open_shaped(&mut self, number: u32, shape: &'static Shape) -> Compound<'_> {
        self.open_with(SHAPED | number << 4, Some(shape))
    }

    /// Writes a compound's first word and starts it.
    fn open_with(&mut self, word: u32, shape: Option<&'static Shape>) -> Compound<'_> {
        let at = self.words.len();
        self.words.push(word);
        Compound {
            tape: self,
            at,
            count: 0,
            shape,
        }
    }

    /// Starts `{variant: ...}`, as serde_json writes a variant with data.
    fn variant(&mut self, variant: &'static str) -> Result<(), TapeError> {
        self.word(OBJECT, 1)?;
        self.write_string(variant)
    }
}

/// The number and shape of the struct named `name`, if it has one ([`SHAPES`]): remembered by
/// the address and length of the name, which serde gives as the same static text every time,
/// so that a struct's shape is looked up by its text once. The lookup is inlined into the
/// writer of every struct, the search by text ([`find_shape`]) kept out of line.
#[inline]
fn shape_of(name: &'static str) -> Option<(u32, &'static Shape)> {
    let number = REMEMBERED_SHAPES
        .try_with(|table| table.get(name))
        .ok()
        .flatten()
        .unwrap_or_else(|| find_shape(name));
    SHAPES.get(number as usize).map(|shape| (number, shape))
}

/// The number of the shape named `name` (or [`NO_SHAPE`]), searched by text, and remembered.
#[cold]
#[inline(never)]
fn find_shape(name: &'static str) -> u32 {
    let number = shapes::number(name).unwrap_or(NO_SHAPE);
    let _ = REMEMBERED_SHAPES.try_with(|table| table.set(name, number));
    number
}

/// A struct with no shape, in [`REMEMBERED_SHAPES`].
const NO_SHAPE: u32 = u32::MAX;

thread_local! {
    /// The shapes of the struct names met, by the address of the name (128 slots: 26 names
    /// in 32 slots took turns, 19 searches by text an explained answer; 9 in 128).
    static REMEMBERED_SHAPES: ByAddress<u32, 128> = const { ByAddress::new() };
}

/// The error of a struct whose member `key` (written, or left out) is not the one its shape
/// has next, `expected`.
#[cold]
fn not_the_shape(shape: &Shape, key: &str, left_out: bool, expected: Option<&str>) -> TapeError {
    TapeError::new(format!(
        "`{}` {} member `{key}` where its shape (src/tape/shapes.rs) has {}",
        shape.name,
        if left_out { "leaves out" } else { "writes" },
        match expected {
            Some(m) if m == key => format!("`{key}`, which it cannot leave out"),
            Some(m) => format!("`{m}`"),
            None => "no more".to_owned(),
        }
    ))
}

/// An array or object being written.
pub struct Compound<'a> {
    tape: &'a mut Tape,
    at: usize,
    /// Its elements so far; for an object of a known shape, its members met so far, written
    /// or left out.
    count: u64,
    /// The object's shape, if it has one.
    shape: Option<&'static Shape>,
}

impl Compound<'_> {
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
        self.key(key)?;
        self.element(value)
    }

    /// Writes a member's name, or for a shaped object checks it against the shape (and
    /// writes nothing). The common case inlined: the member the shape has next, by the
    /// address of its name (serde and the table give the same static text).
    #[inline]
    fn key(&mut self, key: &'static str) -> Result<(), TapeError> {
        if let Some(m) = self.shape.and_then(|s| s.members.get(self.count as usize)) {
            if m.as_ptr() == key.as_ptr() && m.len() == key.len() {
                return Ok(());
            }
        }
        self.any_key(key)
    }

    /// [`Compound::key`] in full: out of line, one copy, not one in every value type's
    /// `serialize_field`.
    #[inline(never)]
    fn any_key(&mut self, key: &'static str) -> Result<(), TapeError> {
        match self.shape {
            Some(shape) => self.member(shape, key, false),
            None => self.tape.write_string(key),
        }
    }

    /// A member left out (serde's `skip_field`): for a shaped object, checked against the
    /// shape and marked.
    #[inline(never)]
    fn left_out(&mut self, key: &'static str) -> Result<(), TapeError> {
        match self.shape {
            Some(shape) => self.member(shape, key, true),
            None => Ok(()),
        }
    }

    /// Checks that `key` is the next member of `shape` (and may be left out, if it is), and
    /// moves past it when it is left out.
    #[inline]
    fn member(
        &mut self,
        shape: &Shape,
        key: &'static str,
        left_out: bool,
    ) -> Result<(), TapeError> {
        let at = self.count as usize;
        match shape.members.get(at) {
            Some(m)
                if (m.as_ptr() == key.as_ptr() && m.len() == key.len() || *m == key)
                    && (!left_out || shape.is_optional(at)) =>
            {
                if left_out {
                    if let Some(word) = self.tape.words.get_mut(self.at) {
                        *word |= 1 << (4 + SHAPE_BITS + at as u32);
                    }
                    self.count += 1;
                }
                Ok(())
            }
            expected => Err(not_the_shape(shape, key, left_out, expected.copied())),
        }
    }

    #[inline]
    fn close(self) -> Result<(), TapeError> {
        if self.count >= PAYLOAD_LIMIT || self.shape.is_some() {
            return self.close_checked();
        }
        self.tape.words[self.at] |= (self.count as u32) << 4;
        Ok(())
    }

    /// [`Compound::close`] for a shaped object (whose number and members left out are in its
    /// word already: it checks that no member is missing) or one too long: out of line.
    #[inline(never)]
    fn close_checked(self) -> Result<(), TapeError> {
        match self.shape {
            _ if self.count >= PAYLOAD_LIMIT => Err(TapeError::new(format!(
                "an array or object of {} elements is too long to hand over",
                self.count
            ))),
            Some(shape) if self.count as usize != shape.members.len() => {
                Err(TapeError::new(format!(
                    "`{}` ends after {} of the {} members of its shape (src/tape/shapes.rs)",
                    shape.name,
                    self.count,
                    shape.members.len()
                )))
            }
            _ => Ok(()),
        }
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

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

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
        self.write_string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), TapeError> {
        self.write_string(v)
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
        self.write_string(variant)
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
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, TapeError> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, TapeError> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, TapeError> {
        // A struct of a known shape that hands over its values alone (a location: see the
        // module documentation); any other tuple struct is an array, as serde_json writes it.
        match shape_of(name) {
            Some((number, shape)) if len == shape.members.len() && shape.optional == 0 => {
                Ok(self.open_shaped(number, shape))
            }
            _ => Ok(self.open(ARRAY)),
        }
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, TapeError> {
        self.variant(variant)?;
        Ok(self.open(ARRAY))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, TapeError> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Compound<'a>, TapeError> {
        match shape_of(name) {
            Some((number, shape)) => Ok(self.open_shaped(number, shape)),
            None => Ok(self.open(OBJECT)),
        }
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, TapeError> {
        self.variant(variant)?;
        Ok(self.open(OBJECT))
    }
}

/// The compound traits serde has for a value's parts, all written the same way: those whose
/// parts have no names (an array), and those whose parts are fields (an object).
macro_rules! compound {
    (elements: $($trait:ident::$method:ident),*; fields: $($named:ident),*) => {
        $(impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = TapeError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
                self.element(value)
            }
            fn end(self) -> Result<(), TapeError> {
                self.close()
            }
        })*
        $(impl ser::$named for Compound<'_> {
            type Ok = ();
            type Error = TapeError;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), TapeError> {
                self.field(key, value)
            }
            fn skip_field(&mut self, key: &'static str) -> Result<(), TapeError> {
                self.left_out(key)
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

impl ser::SerializeMap for Compound<'_> {
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
struct MapKey<'a>(&'a mut Tape);

fn not_a_key() -> TapeError {
    TapeError::new("an object's key must be a string".to_owned())
}

/// A map key's `serialize_bool`, `serialize_i8`...: each an error.
macro_rules! not_keys {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, _v: $t) -> Result<(), TapeError> {
            Err(not_a_key())
        })*
    };
}

impl ser::Serializer for MapKey<'_> {
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
        self.0.write_string(v)
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
        self.0.write_string(variant)
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
