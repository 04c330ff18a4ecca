//! A small table of values remembered by the address of a static text: the catalog's
//! templates by their key (`crate::i18n`), the tape's shapes by their struct's name
//! (`crate::tape`). Both keys are the program's own constants, the same text at the same
//! address every time, so a key finds its slot again without hashing or comparing its text.

use std::cell::Cell;

/// `N` slots (a power of two), each the address and length of a static text and its value
/// (an empty slot: address 0, which no text has). One slot a text: two texts whose addresses
/// pick the same slot take turns in it, and a text out of its slot is looked up again by its
/// owner, which sets it back.
pub(crate) struct ByAddress<V: Copy, const N: usize> {
    slots: [Cell<(usize, usize, Option<V>)>; N],
}

impl<V: Copy, const N: usize> ByAddress<V, N> {
    /// Every slot empty (a constant: a table in a `thread_local!` is then a plain static in
    /// WebAssembly, a few instructions natively).
    pub(crate) const fn new() -> Self {
        ByAddress {
            slots: [const { Cell::new((0, 0, None)) }; N],
        }
    }

    /// How many top bits of a mixed address pick a slot.
    const BITS: u32 = {
        assert!(N.is_power_of_two() && N > 1);
        N.trailing_zeros()
    };

    /// The slot of `text`: its address mixed by a multiplication, whose top bits pick the slot
    /// (`u64`: `usize` is 32 bits in WebAssembly).
    fn slot(&self, text: &'static str) -> &Cell<(usize, usize, Option<V>)> {
        let mixed = (text.as_ptr() as usize as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        &self.slots[(mixed >> (64 - Self::BITS)) as usize % N]
    }

    /// The value remembered for `text`, if its slot holds it.
    pub(crate) fn get(&self, text: &'static str) -> Option<V> {
        match self.slot(text).get() {
            (address, len, value) if address == text.as_ptr() as usize && len == text.len() => {
                value
            }
            _ => None,
        }
    }

    /// Remembers `value` for `text`, in place of what its slot held.
    pub(crate) fn set(&self, text: &'static str, value: V) {
        self.slot(text)
            .set((text.as_ptr() as usize, text.len(), Some(value)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_finds_its_value_and_no_other_texts() {
        let table: ByAddress<u32, 4> = ByAddress::new();
        let texts: Vec<&'static str> = (0..40)
            .map(|i| &*Box::leak(format!("text{i}").into_boxed_str()))
            .collect();
        for (i, text) in texts.iter().enumerate() {
            table.set(text, i as u32);
            assert_eq!(table.get(text), Some(i as u32));
            // A shorter text at the same address is another text.
            assert_eq!(table.get(&text[..3]), None);
        }
        // Forty texts in four slots: each found holds its own value, and most were pushed out.
        let found: Vec<_> = texts.iter().filter_map(|t| table.get(t)).collect();
        assert!(found.len() <= 4);
        for (i, text) in texts.iter().enumerate() {
            assert!(table.get(text).is_none_or(|v| v == i as u32));
        }
    }
}
