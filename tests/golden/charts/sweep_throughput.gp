# sweep_throughput.gp - Throughput across the sweep.
# Draws sweep_throughput.dat; written by virtsim. Edit it and re-run from
# this directory: gnuplot sweep_throughput.gp (writes sweep_throughput.png).
set terminal pngcairo size 1000,600 noenhanced font 'sans,10'
set encoding utf8
if (!exists('outfile')) outfile = 'sweep_throughput.png'
set output outfile
set title 'Throughput across the sweep: golden' font ',13'
set key outside right top vertical
set grid lc rgb '#d0d0d0'
set border 3
set tics nomirror
set format x '%.10g'
set format y '%.10g'
set ylabel 'throughput (requests/s), mean and 95% CI'
set yrange [0:*]
set format y '%.0f'
set xlabel 'workload.arrival.rate_rps (swept)'
plot 'sweep_throughput.dat' index 0 using 1:4:5 with yerrorlines lw 2 ps 1 lc rgb '#d62728' dt 1 pt 7 title columnheader(1), \
     'sweep_throughput.dat' index 1 using 1:4:5 with yerrorlines lw 2 ps 1 lc rgb '#d62728' dt 2 pt 5 title columnheader(1), \
     'sweep_throughput.dat' index 2 using 1:4:5 with yerrorlines lw 2 ps 1 lc rgb '#2ca02c' dt 1 pt 9 title columnheader(1), \
     'sweep_throughput.dat' index 3 using 1:4:5 with yerrorlines lw 2 ps 1 lc rgb '#2ca02c' dt 2 pt 11 title columnheader(1), \
     x with lines dt 3 lw 1.5 lc rgb '#808080' title 'offered load', \
     15000 with lines dt 2 lw 1.5 lc rgb '#c00000' title 'SLO: at least 15000 requests/s'
