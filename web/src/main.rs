fn main() {
    fairlog_web::start();
}
