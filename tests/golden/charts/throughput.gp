# throughput.gp - Throughput by instance and generation.
# Draws throughput.dat; written by virtsim. Edit it and re-run from
# this directory: gnuplot throughput.gp (writes throughput.png).
set terminal pngcairo size 1000,600 noenhanced font 'sans,10'
set encoding utf8
if (!exists('outfile')) outfile = 'throughput.png'
set output outfile
set title 'Throughput by instance and generation: golden' font ',13'
set key outside right top vertical
set grid lc rgb '#d0d0d0'
set border 3
set tics nomirror
set format x '%.10g'
set format y '%.10g'
set style fill solid 0.85 border -1
set boxwidth 0.368 absolute
set grid noxtics ytics
set xrange [-0.6:3.6]
set yrange [0:*]
set format y '%.0f'
set xtics scale 0
set ylabel 'throughput (requests/s), mean and 95% CI'
set xlabel 'instance'
set xtics rotate by -25 left
plot 'throughput.dat' index 0 using 1:2:3 with boxerrorbars lc rgb '#d62728' title columnheader(1), \
     'throughput.dat' index 1 using 1:2:3 with boxerrorbars lc rgb '#2ca02c' title columnheader(1), \
     15000 with lines dt 2 lw 1.5 lc rgb '#c00000' title 'SLO: at least 15000 requests/s', \
     'throughput.dat' index 2 using 1:2:3 with xerrorbars pt 0 lw 2.5 lc rgb '#000000' title 'offered rate', \
     'throughput.dat' index 3 using 1:(NaN):xticlabels(2) notitle
