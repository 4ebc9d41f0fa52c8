export CP="/tmp/gandiag/ovl1:/tmp/gan-jars/*"
JOPTS="-Dgan.cond=mul" ./run.sh v-mul mode=standalone workers=1 iters=1000 every=500
JOPTS="-Dgan.cond=mul -Dgan.dcls=real" ./run.sh v-mul-real mode=standalone workers=1 iters=1000 every=500
JOPTS="-Dgan.smooth=0.9" ./run.sh v-smooth mode=standalone workers=1 iters=1000 every=500
JOPTS="" ./run.sh v-b1-09 mode=standalone workers=1 iters=1000 every=500 b1=0.9
JOPTS="" ./run.sh v-dlr-lo mode=standalone workers=1 iters=1000 every=500 dlr=5e-5
export CP="/tmp/gandiag/ovl1:/tmp/gan-jars/*"
JOPTS="-Dgan.ddrop=0.3" ./run.sh w-drop3 mode=standalone workers=1 iters=1000 every=500
JOPTS="-Dgan.ddrop=0.5 -Dgan.dcls=real" ./run.sh w-drop5-real mode=standalone workers=1 iters=1000 every=500
JOPTS="-Dgan.cond=onehot -Dgan.dcls=real" ./run.sh w-onehot-real mode=standalone workers=1 iters=1000 every=500
export CP="/tmp/gandiag/ovl1:/tmp/gan-jars/*"
JOPTS="" ./run.sh y-base3k mode=standalone workers=1 iters=3000 every=500
JOPTS="-Dgan.dcls=real2" ./run.sh y-real2-3k mode=standalone workers=1 iters=3000 every=500
JOPTS="-Dgan.gcls=off" ./run.sh y-gclsoff-3k mode=standalone workers=1 iters=3000 every=500
export CP="/tmp/gandiag/ovl1:/tmp/gan-jars/*"
JOPTS="-Dgan.cscale=0.3" ./run.sh z-s03 mode=standalone workers=1 iters=2000 every=500
JOPTS="-Dgan.cscale=0.3 -Dgan.dcls=real2" ./run.sh z-s03-real2 mode=standalone workers=1 iters=2000 every=500
JOPTS="-Dgan.cscale=0.5 -Dgan.dcls=real2" ./run.sh z-s05-real2 mode=standalone workers=1 iters=2000 every=500
export CP="/tmp/gandiag/ovl2:/tmp/gan-jars/*"
JOPTS="-Dgan.cond=concat -Dgan.dcls=real2" ./run.sh c-concat-real2 mode=standalone workers=1 iters=2000 every=500
JOPTS="-Dgan.cond=concat" ./run.sh c-concat mode=standalone workers=1 iters=2000 every=500
while pgrep -f "c-concat|batch5.sh" > /dev/null; do sleep 2; done
export CP="/tmp/gandiag/ovl1:/tmp/gan-jars/*"
JOPTS="-Dgan.cscale=0.3 -Dgan.dcls=real2" ./run.sh m-s03-real2 iters=2000 every=500
JOPTS="-Dgan.cscale=0.5 -Dgan.dcls=real2" ./run.sh m-s05-real2 iters=2000 every=500
JOPTS="-Dgan.cscale=0.4 -Dgan.dcls=real2" ./run.sh m-s04-real2 iters=2000 every=500
