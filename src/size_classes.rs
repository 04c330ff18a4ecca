//! The allocator of the command-line tool and the WebAssembly modules: lists of free small
//! blocks, by size, in front of another allocator (the system's natively, talc in WebAssembly).
//!
//! An evaluation makes and frees thousands of small blocks: the JSON tree, the model, the answer,
//! its tape. Here a block of at most [`LARGEST`] bytes belongs to one of [`CLASSES`] sizes, each
//! a multiple of [`GRAIN`] bytes; a freed block goes on the front of its size's list and the
//! next request of that size takes it back: a few instructions each way, where a general
//! allocator searches, splits and merges. New small blocks are cut from chunks of [`CHUNK`]
//! bytes taken from the allocator behind; everything else (larger blocks, stricter alignments)
//! goes to it directly.
//!
//! Each thread has its own lists (a constant thread-local without a destructor: a plain static
//! in WebAssembly, a few instructions natively). Small blocks are never given back to the
//! allocator behind, so a block one thread frees is memory any thread may be handed next: a
//! block freed on another thread joins that thread's lists. The cost: a small block's memory
//! stays with its size for the program's life (a WebAssembly memory never shrinks anyway).
//!
//! Measured: in Node over `tests/corpus`, the deciding module against talc alone (alternating
//! passes, both orders, three runs each), `decide` 0.85-0.90x the time, `evaluate` 0.91-0.93x;
//! its memory after ten corpus passes and two 1.6 MB scenarios 29.8 MB against 25.2 MB.
//! Natively, against glibc's allocator (instructions, cachegrind, the PassRole scenario):
//! `decide` 0.84x, `evaluate` 0.66x.
//!
//! This is the crate's only unsafe code: an allocator hands out raw memory. Its tests below run
//! it over the system allocator, with random sequences of allocations, reallocations and frees,
//! and with four threads at once each freeing blocks another allocated, and check that live
//! blocks never overlap and keep their bytes.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;

/// Small blocks' sizes are multiples of this (and their alignment at most this).
pub const GRAIN: usize = 8;
/// How many sizes of small block there are: `GRAIN`, `2 × GRAIN`, … [`LARGEST`] (2 KB).
/// An explained answer's lists of statements and conditions are a few hundred bytes to a
/// kilobyte or two: measured natively (instructions, cachegrind, the PassRole scenario),
/// 2 KB against 512 bytes took `evaluate` 0.97x and `decide` 0.98x, and its time 0.97x.
pub const CLASSES: usize = 256;
/// The largest small block.
pub const LARGEST: usize = GRAIN * CLASSES;
/// The size of the chunks small blocks are cut from.
pub const CHUNK: usize = 16 * 1024;

/// Lists of free small blocks by size over `A`, which gives the chunks and the large blocks:
/// install it with `#[global_allocator]` (`src/cli/main.rs`, `src/wasm/mod.rs`).
///
/// Its lists belong to the thread, not to the value: use one allocator behind per program.
pub struct SizeClasses<A> {
    inner: A,
}

/// One thread's lists.
struct Lists {
    /// The first free block of each size (0: none); each free block holds the next one's
    /// address in its first bytes.
    free: [Cell<usize>; CLASSES],
    /// What is left of the chunk being cut: `next..end`.
    next: Cell<usize>,
    end: Cell<usize>,
}

thread_local! {
    static LISTS: Lists = const {
        Lists {
            free: [const { Cell::new(0) }; CLASSES],
            next: Cell::new(0),
            end: Cell::new(0),
        }
    };
}

impl<A> SizeClasses<A> {
    /// Free lists over `inner`.
    pub const fn new(inner: A) -> Self {
        SizeClasses { inner }
    }
}

/// The size class of a block, or `None` for one the allocator behind serves.
fn class(layout: Layout) -> Option<usize> {
    let size = layout.size();
    (layout.align() <= GRAIN && size != 0 && size <= LARGEST).then(|| (size - 1) / GRAIN)
}

impl<A: GlobalAlloc> SizeClasses<A> {
    /// A block of size class `class` from this thread's lists, or a new one cut from its chunk
    /// (null when the allocator behind has no chunk to give, or for a class out of range).
    fn take(&self, lists: &Lists, class: usize) -> *mut u8 {
        let Some(list) = lists.free.get(class) else {
            return std::ptr::null_mut();
        };
        let head = list.get();
        if head != 0 {
            // SAFETY: `head` is a free block of this size (`give` put it there), which holds
            // the address of the next one.
            list.set(unsafe { (head as *const usize).read() });
            return head as *mut u8;
        }
        let size = (class + 1) * GRAIN;
        if lists.end.get() - lists.next.get() < size {
            // The rest of the chunk (less than this block) is left unused.
            // SAFETY: CHUNK is not zero and GRAIN a power of two.
            let chunk = unsafe {
                self.inner
                    .alloc(Layout::from_size_align_unchecked(CHUNK, GRAIN))
            };
            if chunk.is_null() {
                return chunk;
            }
            lists.next.set(chunk as usize);
            lists.end.set(chunk as usize + CHUNK);
        }
        let at = lists.next.get();
        lists.next.set(at + size);
        at as *mut u8
    }
}

/// Puts a free block of size class `class` on the front of this thread's list.
///
/// # Safety
/// `ptr` is a small block of that class, no longer used.
unsafe fn give(lists: &Lists, class: usize, ptr: *mut u8) {
    if let Some(list) = lists.free.get(class) {
        // SAFETY: the block is at least GRAIN bytes long and GRAIN-aligned: room for the next
        // one's address.
        unsafe { (ptr as *mut usize).write(list.get()) };
        list.set(ptr as usize);
    }
}

unsafe impl<A: GlobalAlloc> GlobalAlloc for SizeClasses<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class(layout) {
            // SAFETY: a valid layout (the caller's contract). Should the thread's lists be gone
            // (never, for a constant thread-local without a destructor), the allocator behind
            // serves; such a block, freed, joins a list like any other.
            Some(class) => LISTS
                .try_with(|lists| self.take(lists, class))
                .unwrap_or_else(|_| unsafe { self.inner.alloc(layout) }),
            // SAFETY: a valid layout (the caller's contract).
            None => unsafe { self.inner.alloc(layout) },
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match class(layout) {
            // SAFETY: a small block from `alloc` (the caller's contract). Without the thread's
            // lists it stays unused, as it may not have come from the allocator behind.
            Some(class) => {
                let _ = LISTS.try_with(|lists| unsafe { give(lists, class, ptr) });
            }
            // SAFETY: blocks outside the classes came from the allocator behind.
            None => unsafe { self.inner.dealloc(ptr, layout) },
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract: `new_size` is not zero and, rounded up to the
        // alignment, does not overflow.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (class(layout), class(new_layout)) {
            // SAFETY: both the allocator behind's.
            (None, None) => unsafe { self.inner.realloc(ptr, layout, new_size) },
            // The block is already that size.
            (Some(old), Some(new)) if old == new => ptr,
            _ => {
                // SAFETY: `new_layout` is valid (above); the copy stays within both blocks, and
                // the old one is freed as what it was allocated as.
                unsafe {
                    let new = self.alloc(new_layout);
                    if !new.is_null() {
                        std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                    new
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::alloc::System;

    /// A live block: where, as what, and the byte it was filled with.
    struct Block {
        ptr: *mut u8,
        layout: Layout,
        fill: u8,
    }

    fn filled(block: &Block) -> bool {
        // SAFETY: the block is live and `layout.size()` bytes long.
        let bytes = unsafe { std::slice::from_raw_parts(block.ptr, block.layout.size()) };
        bytes.iter().all(|&b| b == block.fill)
    }

    fn fill(block: &Block) {
        // SAFETY: as above.
        unsafe { std::ptr::write_bytes(block.ptr, block.fill, block.layout.size()) }
    }

    #[derive(Debug, Clone)]
    enum Op {
        Alloc { size: usize, align_log: u32 },
        Free(usize),
        Realloc(usize, usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            // Mostly small blocks, some at the classes' edge and beyond, a few over-aligned.
            (1usize..=LARGEST + 64, 0u32..=5)
                .prop_map(|(size, align_log)| Op::Alloc { size, align_log }),
            (1usize..5000, 0u32..=3).prop_map(|(size, align_log)| Op::Alloc { size, align_log }),
            any::<usize>().prop_map(Op::Free),
            (any::<usize>(), 1usize..2 * LARGEST).prop_map(|(i, size)| Op::Realloc(i, size)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the order of allocations, reallocations and frees, live blocks are aligned,
        /// never overlap, and keep their bytes (a block's first bytes hold the free list's link
        /// only while it is free).
        #[test]
        fn live_blocks_keep_their_bytes_and_never_overlap(ops in proptest::collection::vec(op(), 1..400)) {
            let heap = SizeClasses::new(System);
            let mut live: Vec<Block> = Vec::new();
            let mut fills = 0u8;
            for (n, op) in ops.into_iter().enumerate() {
                match op {
                    Op::Alloc { size, align_log } => {
                        let layout = Layout::from_size_align(size, 1 << align_log).unwrap();
                        // SAFETY: size is not zero.
                        let ptr = unsafe { heap.alloc(layout) };
                        prop_assert!(!ptr.is_null());
                        prop_assert_eq!(ptr as usize % layout.align(), 0);
                        fills = fills.wrapping_add(1);
                        let block = Block { ptr, layout, fill: fills };
                        fill(&block);
                        live.push(block);
                    }
                    Op::Free(i) if !live.is_empty() => {
                        let block = live.swap_remove(i % live.len());
                        prop_assert!(filled(&block));
                        // SAFETY: allocated by `heap` with this layout, freed once.
                        unsafe { heap.dealloc(block.ptr, block.layout) };
                    }
                    Op::Realloc(i, size) if !live.is_empty() => {
                        let i = i % live.len();
                        let old = &live[i];
                        prop_assert!(filled(old));
                        let kept = old.layout.size().min(size);
                        // SAFETY: allocated by `heap` with this layout; size is not zero.
                        let ptr = unsafe { heap.realloc(old.ptr, old.layout, size) };
                        prop_assert!(!ptr.is_null());
                        let layout = Layout::from_size_align(size, old.layout.align()).unwrap();
                        prop_assert_eq!(ptr as usize % layout.align(), 0);
                        // SAFETY: the first `kept` bytes are the old block's.
                        let bytes = unsafe { std::slice::from_raw_parts(ptr, kept) };
                        prop_assert!(bytes.iter().all(|&b| b == old.fill));
                        fills = fills.wrapping_add(1);
                        live[i] = Block { ptr, layout, fill: fills };
                        fill(&live[i]);
                    }
                    _ => {}
                }
                if n % 16 != 0 {
                    continue;
                }
                for block in &live {
                    prop_assert!(filled(block));
                }
                let mut spans: Vec<(usize, usize)> = live.iter().map(|b| (b.ptr as usize, b.ptr as usize + b.layout.size())).collect();
                spans.sort_unstable();
                prop_assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "live blocks overlap");
            }
            for block in live {
                prop_assert!(filled(&block));
                // SAFETY: as above.
                unsafe { heap.dealloc(block.ptr, block.layout) };
            }
        }
    }

    /// Blocks allocated on one thread and freed on another (which then hands them out again)
    /// stay whole: four threads at once, each freeing what the one before it allocated.
    #[test]
    fn blocks_freed_on_another_thread_are_handed_out_whole() {
        static HEAP: SizeClasses<System> = SizeClasses::new(System);
        const THREADS: usize = 4;
        let (senders, receivers): (Vec<_>, Vec<_>) = (0..THREADS)
            .map(|_| std::sync::mpsc::channel::<Vec<(usize, usize, u8)>>())
            .unzip();
        let workers: Vec<_> = receivers
            .into_iter()
            .enumerate()
            .map(|(t, inbox)| {
                let next = senders[(t + 1) % THREADS].clone();
                std::thread::spawn(move || {
                    let check = |(ptr, size, fill): (usize, usize, u8)| {
                        let block = Block {
                            ptr: ptr as *mut u8,
                            layout: Layout::from_size_align(size, 8).unwrap(),
                            fill,
                        };
                        assert!(filled(&block), "a block changed hands and its bytes");
                        // SAFETY: allocated by HEAP with this layout, freed once.
                        unsafe { HEAP.dealloc(block.ptr, block.layout) };
                    };
                    for round in 0..50u8 {
                        let mut mine = Vec::new();
                        for i in 0..40usize {
                            let size = 1 + (i * 37 + t * 11 + round as usize) % (LARGEST + 40);
                            let layout = Layout::from_size_align(size, 8).unwrap();
                            // SAFETY: size is not zero.
                            let ptr = unsafe { HEAP.alloc(layout) };
                            assert!(!ptr.is_null());
                            let fill = (t as u8 * 50).wrapping_add(round);
                            fill_block(ptr, size, fill);
                            mine.push((ptr as usize, size, fill));
                        }
                        let theirs = mine.split_off(20);
                        next.send(theirs).unwrap();
                        mine.into_iter().for_each(check);
                        inbox.recv().unwrap().into_iter().for_each(check);
                    }
                })
            })
            .collect();
        drop(senders);
        for worker in workers {
            worker.join().unwrap();
        }
    }

    fn fill_block(ptr: *mut u8, size: usize, fill: u8) {
        // SAFETY: a live block of `size` bytes.
        unsafe { std::ptr::write_bytes(ptr, fill, size) }
    }

    #[test]
    fn a_freed_small_block_is_the_next_of_its_size() {
        // On a thread of its own: its lists are empty.
        std::thread::spawn(freed_block_is_next).join().unwrap();
    }

    fn freed_block_is_next() {
        let heap = SizeClasses::new(System);
        let layout = Layout::from_size_align(24, 8).unwrap();
        // SAFETY: a valid layout; the block is freed once, as allocated.
        unsafe {
            let a = heap.alloc(layout);
            let b = heap.alloc(layout);
            assert_eq!(
                b as usize - a as usize,
                24,
                "cut one after the other from a chunk"
            );
            heap.dealloc(a, layout);
            assert_eq!(heap.alloc(Layout::from_size_align(17, 1).unwrap()), a);
            // Another size does not take it.
            heap.dealloc(b, layout);
            let c = heap.alloc(Layout::from_size_align(8, 8).unwrap());
            assert_ne!(c, b);
            heap.dealloc(c, Layout::from_size_align(8, 8).unwrap());
            // Growing within the size keeps the block; past it moves it, bytes and all.
            let d = heap.alloc(layout);
            d.write(7);
            assert_eq!(heap.realloc(d, layout, 20), d);
            let moved = heap.realloc(d, Layout::from_size_align(20, 8).unwrap(), 40);
            assert_ne!(moved, d);
            assert_eq!(moved.read(), 7);
            heap.dealloc(moved, Layout::from_size_align(40, 8).unwrap());
        }
    }

    #[test]
    fn large_and_overaligned_blocks_go_to_the_allocator_behind() {
        assert_eq!(
            class(Layout::from_size_align(LARGEST, 8).unwrap()),
            Some(CLASSES - 1)
        );
        assert_eq!(
            class(Layout::from_size_align(LARGEST + 1, 8).unwrap()),
            None
        );
        assert_eq!(class(Layout::from_size_align(8, 16).unwrap()), None);
        assert_eq!(class(Layout::from_size_align(1, 1).unwrap()), Some(0));
        assert_eq!(class(Layout::from_size_align(9, 1).unwrap()), Some(1));
    }
}
