//! The fuzz loops' random numbers: xorshift64*, small, fast, reproducible from its seed.

pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Up to `count` random `pieces` joined; one in `rare` is repeated up to `most` times (deep
    /// nesting, long runs).
    pub fn pieces(&mut self, pieces: &[&str], count: usize, rare: usize, most: usize) -> String {
        let mut out = String::new();
        for _ in 0..self.below(count) {
            let piece = pieces[self.below(pieces.len())];
            let times = if self.below(rare) == 0 { 1 + self.below(most) } else { 1 };
            for _ in 0..times {
                out.push_str(piece);
            }
        }
        out
    }
}
