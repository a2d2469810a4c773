package io.jwtgate.metrics;

/** Something published that closing JwtGate takes back (the MBean, the meters); never fails the close. */
interface Registration extends AutoCloseable {

    @Override
    void close();
}
