fn main() {
    stepwise::start_standalone();
}
